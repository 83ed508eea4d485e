package io.hybridpipe.embedded.nifi;

import io.hybridpipe.embedded.nifi.driver.StatelessFlowDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A flow running in the engine's JVM. {@link #requestStop()} lets the driver finish its current trigger
 * and hand over its output; {@link #close()} kills the JVM if it is still running.
 */
public final class RunningStatelessFlow implements AutoCloseable {

    /**
     * Time the engine's JVM may need, beyond the trigger plan, to start and stop: a cold NAR unpack takes
     * ~8 s on an idle machine but was measured at 46 s on 2 busy cores.
     */
    static final Duration STARTUP_ALLOWANCE = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** Engine starts allowed after NiFi deadlocked creating the dataflow ({@code EXIT_DATAFLOW_DEADLOCK}). */
    static final int DEADLOCK_RESTARTS = 3;

    private final Launcher launcher;
    private final RunSpec spec;
    private final Path logFile;
    private Process process;
    private int restarts;
    private int batchesFed;

    /** Starts the engine's JVM for this run; {@code again} when it is a restart (its output then appends to the log). */
    interface Launcher {
        Process launch(boolean again) throws IOException;
    }

    RunningStatelessFlow(Launcher launcher, RunSpec spec, Path logFile) throws IOException {
        this.launcher = launcher;
        this.spec = spec;
        this.logFile = logFile;
        this.process = launcher.launch(false);
    }

    /**
     * The engine's process, started again if NiFi deadlocked while creating the dataflow: it had taken no input
     * (no FlowFile, no fed batch), so the same run starts over.
     */
    private synchronized Process process() {
        while (!process.isAlive() && process.exitValue() == StatelessFlowDriver.EXIT_DATAFLOW_DEADLOCK
                && restarts < DEADLOCK_RESTARTS) {
            restarts++;
            try {
                process = launcher.launch(true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the engine again after NiFi deadlocked; see " + logFile, e);
            }
        }
        return process;
    }

    /** How many times the engine was started again after NiFi deadlocked creating its dataflow. */
    public synchronized int deadlockRestarts() {
        return restarts;
    }

    public Path logFile() {
        return logFile;
    }

    /** The engine JVM's process id. */
    public long pid() {
        return process().pid();
    }

    public boolean isAlive() {
        return process().isAlive();
    }

    /**
     * Hands a batch of FlowFiles to an engine started with {@link TriggerPlan#fedInBatchesUntilStopped()}; it runs
     * them after the batches fed before. Wait for the outcome with {@link FedBatch#awaitResult}.
     */
    public synchronized FedBatch feed(List<FlowFileData> flowFiles) throws IOException {
        if (!spec.triggerPlan().fedInBatches()) {
            throw new IllegalStateException("This engine was started with " + spec.triggerPlan()
                    + "; only a plan fed in batches takes FlowFiles while it runs");
        }
        if (!isAlive()) {
            throw new IllegalStateException("The engine has ended; see " + logFile);
        }
        long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
        BatchFolder batches = new BatchFolder(spec.batchDirectory());
        int number = ++batchesFed;
        batches.write(number, flowFiles);
        return new FedBatch(number, batches, this::isAlive, logFile, logOffset);
    }

    /** Asks the driver to stop triggering after its current trigger. */
    public void requestStop() throws IOException {
        if (!Files.exists(spec.stopFile())) {
            Files.createFile(spec.stopFile());
        }
    }

    /**
     * Waits up to {@code timeout} for the run to end; past it, requests a stop, and kills the JVM if it
     * does not end within a grace period (the result then has exit code -1).
     */
    public StatelessRunResult awaitResult(Duration timeout) throws IOException, InterruptedException {
        int exitCode;
        long deadline = System.nanoTime() + timeout.toNanos();
        Process p = process();
        while (p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) && process() != p) {
            p = process(); // started again after a deadlock: wait for the new one, within the same deadline
        }
        if (!p.isAlive()) {
            exitCode = p.exitValue();
        } else {
            requestStop();
            exitCode = p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS) ? p.exitValue() : kill();
        }
        return new StatelessRunResult(exitCode, logFile, ErrorLogLines.in(logFile), readSummary(),
                new FlowFileFolder(spec.outputDirectory()).readAll());
    }

    /** Requests a stop and waits for the result. */
    public StatelessRunResult stop() throws IOException, InterruptedException {
        requestStop();
        return awaitResult(STOP_GRACE.plus(spec.triggerPlan().drainQuietPeriod()));
    }

    private int kill() throws InterruptedException {
        Process p = process();
        p.destroyForcibly();
        p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        return -1;
    }

    private Optional<RunSummary> readSummary() throws IOException {
        return Files.exists(spec.summaryFile()) ? Optional.of(RunSummary.read(spec.summaryFile())) : Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        if (process().isAlive()) {
            kill();
        }
    }
}
