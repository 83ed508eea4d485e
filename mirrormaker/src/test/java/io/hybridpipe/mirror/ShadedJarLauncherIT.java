package io.hybridpipe.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After {@code package}: bin/hybridpipe-mm2 over the shaded jar - connectors found through ServiceLoader in the
 * merged service files, logging to its file, clean stop on SIGTERM.
 */
class ShadedJarLauncherIT {

    @RegisterExtension
    static final KafkaPairExtension KAFKA = new KafkaPairExtension(Map.of("tweets", 2));





    @Test
    void theScriptRunsTheShadedJarAndStopsCleanlyOnSigterm() throws Exception {
        File[] jars = Paths.get("target").toFile().listFiles((dir, name) -> name.endsWith("-cli.jar"));
        assertThat(jars).as("shaded jar built by package").hasSize(1);
        Path logDir = Files.createDirectories(KAFKA.dataDir().resolve("logs"));
        Mm2Subprocess mm2 = Mm2Subprocess.start(List.of(Paths.get("bin", "hybridpipe-mm2").toAbsolutePath().toString()),
                Map.of("HYBRIDPIPE_MM2_JAR", jars[0].getAbsolutePath(), "HYBRIDPIPE_MM2_HEAP", "512m"),
                Mm2TestConfigs.LOCAL, Mm2TestConfigs.bootstrapOverrides(KAFKA.clusters()), logDir);
        LauncherSigtermTest.replicateAndStop(KAFKA.clusters(), mm2, 300);
    }
}
