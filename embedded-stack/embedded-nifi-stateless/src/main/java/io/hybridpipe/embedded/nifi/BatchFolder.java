package io.hybridpipe.embedded.nifi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * How batches are handed to an engine that keeps running ({@link TriggerPlan#fedInBatchesUntilStopped()}), and how
 * their outcome comes back, through one directory shared by the two JVMs. Batch {@code n}'s FlowFiles are written into
 * {@code n.feeding/} and renamed to {@code n.batch/} once whole, so the engine never sees half a batch; the engine
 * writes what left the output ports into {@code n.output/} and then its {@link RunSummary} as {@code n.result}.
 * Batches are numbered from 1 and run in that order.
 */
public final class BatchFolder {

    private final Path directory;

    public BatchFolder(Path directory) {
        this.directory = directory;
    }

    /** Hands batch {@code number} over; it must not have been written before. */
    public void write(int number, List<FlowFileData> flowFiles) throws IOException {
        Path ready = input(number);
        if (Files.exists(ready) || Files.exists(result(number))) {
            throw new IllegalStateException("batch " + number + " was already handed over in " + directory);
        }
        Path feeding = directory.resolve(name(number) + ".feeding");
        DirectoryTrees.delete(feeding);
        new FlowFileFolder(feeding).writeAll(flowFiles);
        Files.createDirectories(feeding);
        Files.move(feeding, ready, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether batch {@code number} has been handed over whole. */
    public boolean isReady(int number) {
        return Files.isDirectory(input(number));
    }

    public List<FlowFileData> inputs(int number) {
        return new FlowFileFolder(input(number)).readAll();
    }

    /** Where the engine writes what batch {@code number} sent out of the output ports. */
    public FlowFileFolder output(int number) {
        return new FlowFileFolder(directory.resolve(name(number) + ".output"));
    }

    public void writeResult(int number, RunSummary summary) throws IOException {
        summary.write(result(number));
    }

    /** The engine's report on batch {@code number}, once it has finished with it. */
    public Optional<RunSummary> readResult(int number) throws IOException {
        Path file = result(number);
        return Files.exists(file) ? Optional.of(RunSummary.read(file)) : Optional.empty();
    }

    /** Removes everything of batch {@code number}: its inputs, outputs and result. */
    public void delete(int number) throws IOException {
        DirectoryTrees.delete(input(number));
        DirectoryTrees.delete(directory.resolve(name(number) + ".output"));
        Files.deleteIfExists(result(number));
    }

    private Path input(int number) {
        return directory.resolve(name(number) + ".batch");
    }

    private Path result(int number) {
        return directory.resolve(name(number) + ".result");
    }

    private static String name(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("Batches are numbered from 1, was " + number);
        }
        return String.format("%08d", number);
    }
}
