package io.hybridpipe.embedded.hive;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link HiveServerMain} in a child JVM, so that a caller whose classpath has no Spark (a NiFi
 * processor test, say) can query a real HiveServer2 endpoint. Uses only JDK classes: callers depend on
 * this jar with a {@code *:*} exclusion. The child's classpath is this module's runtime classpath,
 * written at build time by {@code maven-dependency-plugin:build-classpath}.
 */
public final class HiveServerProcess implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "runtime-classpath.txt";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final List<String> JVM_OPENS = List.of(
            "java.base/java.lang", "java.base/java.lang.invoke", "java.base/java.lang.reflect",
            "java.base/java.io", "java.base/java.net", "java.base/java.nio", "java.base/java.util",
            "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic",
            "java.base/sun.nio.ch", "java.base/sun.nio.cs", "java.base/sun.security.action",
            "java.base/sun.util.calendar");

    private final Path workDir;
    private final int port;
    private final Optional<URI> hdfs;
    private Process process;

    private HiveServerProcess(Path workDir, int port, Optional<URI> hdfs) {
        this.workDir = workDir.toAbsolutePath();
        this.port = port;
        this.hdfs = hdfs;
    }

    /**
     * Starts a server whose warehouse, metastore and log live under {@code workDir}, on a free port;
     * returns once it has answered a JDBC query.
     */
    public static HiveServerProcess start(Path workDir, Optional<URI> hdfs) {
        HiveServerProcess server = new HiveServerProcess(workDir, freePort(), hdfs);
        server.launch();
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:hive2://127.0.0.1:" + port + "/default";
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return workDir.resolve("hive-server.log");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the server JVM; the metastore stays on disk for {@link #restart()}. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Starts the server again on the same port with the same metastore and warehouse. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        try {
            Files.createDirectories(workDir.resolve("tmp"));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx1g");
            // C1 only: a test or demo engine lives minutes, and C2 compiling beside the other JVMs of a 2-core stack
            // cost more CPU than it saved (BENCHMARKS.md, local-stack "JIT")
            command.add("-XX:TieredStopAtLevel=1");
            JVM_OPENS.forEach(open -> command.add("--add-opens=" + open + "=ALL-UNNAMED"));
            command.add("-Djava.io.tmpdir=" + workDir.resolve("tmp"));
            command.add("-Dlog4j2.configurationFile=io/hybridpipe/embedded/hive/log4j2-hive-server.properties");
            command.add("-cp");
            command.add(childClasspath());
            command.add(HiveServerMain.class.getName());
            command.add("--port=" + port);
            command.add("--warehouse=" + workDir.resolve("warehouse"));
            command.add("--metastore=" + workDir.resolve("metastore"));
            hdfs.ifPresent(uri -> command.add("--hdfs=" + uri));
            Files.deleteIfExists(logFile());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            awaitReady();
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("cannot start the Hive server JVM in " + workDir, e);
        }
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String log = Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
            if (log.contains(HiveServerMain.READY_MARKER)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the Hive server JVM exited with " + process.exitValue()
                        + " before it was ready; its log:\n" + tail(log));
            }
            sleep(Duration.ofMillis(250));
        }
        String log = Files.readString(logFile(), StandardCharsets.UTF_8);
        stop();
        throw new IllegalStateException("the Hive server was not ready within " + START_TIMEOUT + "; its log:\n" + tail(log));
    }

    private static String childClasspath() throws IOException {
        String dependencies;
        try (InputStream in = HiveServerProcess.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build embedded-hive with Maven");
            }
            dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        return ownLocation() + File.pathSeparator + dependencies;
    }

    private static String ownLocation() {
        try {
            return Path.of(HiveServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the embedded-hive classes", e);
        }
    }

    private static String tail(String log) {
        return log.length() <= 8000 ? log : log.substring(log.length() - 8000);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Hive server", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
