package io.hybridpipe.embedded.nifi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A batch handed to a running engine ({@link RunningStatelessFlow#feed}); its outcome comes back through its folder. */
public final class FedBatch {

    private static final long POLL_MILLIS = 10;

    private final int number;
    private final BatchFolder folder;
    private final BooleanSupplier engineAlive;
    private final Path logFile;
    private final long logOffset;

    FedBatch(int number, BatchFolder folder, BooleanSupplier engineAlive, Path logFile, long logOffset) {
        this.number = number;
        this.folder = folder;
        this.engineAlive = engineAlive;
        this.logFile = logFile;
        this.logOffset = logOffset;
    }

    public int number() {
        return number;
    }

    /**
     * The batch's outcome once the engine has run it; empty if the engine ended first or {@code timeout} passed (the
     * engine may then still be working on it: a caller that gives up on the batch should stop that engine).
     */
    public Optional<FedBatchResult> awaitResult(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<RunSummary> summary = folder.readResult(number);
            if (summary.isPresent()) {
                return Optional.of(new FedBatchResult(number, summary.get(), ErrorLogLines.after(logFile, logOffset),
                        folder.output(number).readAll(), logFile));
            }
            if (!engineAlive.getAsBoolean() || System.nanoTime() >= deadline) {
                // one last look: the engine may have written the result just before it ended
                return folder.readResult(number).isPresent() ? awaitResult(Duration.ZERO) : Optional.empty();
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Deletes the batch's inputs, outputs and result: call once its outcome has been acted on. */
    public void discard() throws IOException {
        folder.delete(number);
    }
}
