package io.hybridpipe.mirror;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code hybridpipe-mm2 run} in its own JVM (the test classpath, the production logback.xml), so that it can be
 * sent SIGTERM or SIGKILL like a real deployment.
 */
final class Mm2Subprocess {

    private final Process process;
    private final Path logFile;

    private Mm2Subprocess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /** hybridpipe-mm2 from the test classpath, with the production logback.xml. */
    static Mm2Subprocess start(Path config, Map<String, String> overrides, Path logDir) throws IOException {
        return start(testClasspathLauncher(), Map.of(), config, overrides, logDir);
    }

    /** The java command line of hybridpipe-mm2 on the test classpath, up to where its own arguments start. */
    static List<String> testClasspathLauncher() {
        return List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dlogback.configurationFile=" + Paths.get("target", "classes", "logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), "io.hybridpipe.mirror.cli.Mm2Cli");
    }

    /**
     * One short hybridpipe-mm2 command (mirror-check, say) in its own JVM with {@code environment} added, so that
     * {@code ${env:...}} references resolve; stdout and stderr are both in {@link CliRun#out()}.
     */
    static CliRun runOnce(List<String> args, Map<String, String> environment, Path logDir)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(testClasspathLauncher());
        command.addAll(args);
        Path output = Files.createTempFile(logDir, "hybridpipe-mm2-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("HYBRIDPIPE_MM2_LOG_DIR", logDir.toString());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("hybridpipe-mm2 " + args + " did not exit within 120 s");
        }
        return new CliRun(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), "");
    }

    /** {@code launcher} (a command line that ends where hybridpipe-mm2's own arguments start) running {@code run}. */
    static Mm2Subprocess start(List<String> launcher, Map<String, String> environment, Path config,
                               Map<String, String> overrides, Path logDir) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("run", "--config", config.toString()));
        overrides.forEach((k, v) -> command.add("-D" + k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("stdout.txt").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("HYBRIDPIPE_MM2_LOG_DIR", logDir.toString());
        Mm2Subprocess started = new Mm2Subprocess(builder.start(), logDir.resolve("hybridpipe-mm2.log"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!started.process.isAlive()) {
                        throw new IllegalStateException("hybridpipe-mm2 exited with " + started.process.exitValue()
                                + ": " + Files.readString(logDir.resolve("stdout.txt")));
                    }
                    return started.log().contains("hybridpipe-mm2 running");
                });
        return started;
    }

    String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        return waitForExit();
    }

    /** SIGKILL: no shutdown hook, no offset commit - a crash. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return waitForExit();
    }

    private int waitForExit() throws InterruptedException {
        if (!process.waitFor(Duration.ofSeconds(90).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("hybridpipe-mm2 did not exit within 90 s");
        }
        return process.exitValue();
    }
}
