package io.hybridpipe.local.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * MirrorMaker 2 (dedicated mode, the hybridpipe-mm2 launcher's {@code run}) with {@code mirrormaker/config/local.properties},
 * pointed at the two local clusters and with exactly-once turned on, in its own JVM.
 */
final class MirrorMakerChild {

    static final String MAIN_CLASS = "io.hybridpipe.mirror.cli.Mm2Cli";

    private MirrorMakerChild() {
    }

    static ChildJvm create(Path workDir, String onpremBootstrap, String awsBootstrap) {
        Path config = Resources.copy("local.properties", workDir.resolve("mirrormaker/local.properties"));
        Path effective = workDir.resolve("mirrormaker/mm2.properties");
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            properties.load(in);
            properties.setProperty("onprem.bootstrap.servers", onpremBootstrap);
            properties.setProperty("aws.bootstrap.servers", awsBootstrap);
            // exactly-once, as the production template runs it: without it a SIGKILL (the --chaos restart) re-sends
            // what was mirrored since the last offset commit, and the aws topic holds duplicates
            properties.setProperty("dedicated.mode.enable.internal.rest", "true");
            properties.setProperty("listeners", "http://127.0.0.1:0");
            properties.setProperty("aws.exactly.once.source.support", "enabled");
            try (OutputStream out = Files.newOutputStream(effective)) {
                properties.store(out, "mirrormaker/config/local.properties with the local stack's bootstrap servers");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the MirrorMaker 2 configuration " + effective, e);
        }
        return new ChildJvm("MirrorMaker 2",
                List.of("-Xmx512m", "-XX:+UseSerialGC", ChildJvm.C1_ONLY, "-Djava.io.tmpdir=" + tmp(workDir, "mirrormaker")),
                MAIN_CLASS, List.of("run", "--config", effective.toString()), Map.of(),
                workDir.resolve("logs/mirrormaker.log"));
    }

    static Path tmp(Path workDir, String name) {
        try {
            return Files.createDirectories(workDir.resolve(name).resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for " + name, e);
        }
    }
}
