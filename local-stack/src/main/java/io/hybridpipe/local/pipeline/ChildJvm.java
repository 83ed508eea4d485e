package io.hybridpipe.local.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java program of the pipeline (MirrorMaker 2, the Spark job) in its own JVM on the hybridpipe classpath, so a
 * chaos restart is a real process kill and its classes never meet the command's. Output goes to a log file, appended
 * across restarts. {@link #kill()} is SIGKILL (a crash), {@link #terminate()} SIGTERM (a graceful stop).
 */
public final class ChildJvm implements AutoCloseable {

    /**
     * C1 only, for every JVM of the local stack: in a 2,000/s demo on 2 cores C2 compiling in all of them at once kept
     * the machine so busy for the first minute that X cut the NiFi reader and ~50,000 tweets were lost at the source;
     * with C1 only, startup went from ~50 s to 31 s and nothing was lost (BENCHMARKS.md, local-stack "JIT").
     */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private static final long GRACEFUL_STOP_SECONDS = 45;

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private Process process;

    /**
     * @param environment extra environment variables; the way secrets reach the child (never its command line)
     */
    public ChildJvm(String name, List<String> jvmOptions, String mainClass, List<String> args,
                    Map<String, String> environment, Path logFile) {
        this.name = name;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dlog4j2.configurationFile=classpath:hybridpipe-child-log4j2.xml");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(HybridPipeClasspath.locate());
        cmd.add(OrphanGuard.class.getName());
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add(mainClass);
        cmd.addAll(args);
        this.command = List.copyOf(cmd);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
    }

    public synchronized ChildJvm start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + "; see " + logFile, e);
        }
        return this;
    }

    public String name() {
        return name;
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGKILL, as a crash would end it; returns once the process is gone. */
    public synchronized void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then waits for the child's own shutdown; SIGKILL if it does not end in time. */
    public synchronized void terminate() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(GRACEFUL_STOP_SECONDS, TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        terminate();
    }

    @Override
    public String toString() {
        return name + (process == null ? " (not started)" : " (pid " + process.pid() + ")");
    }
}
