package io.hybridpipe.local.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Peak resident memory of the whole stack: this JVM plus every process it started (Hive, NiFi Stateless, MirrorMaker 2,
 * the Spark job, PostgreSQL), summed, sampled once a second from {@code /proc/<pid>/status} (Linux; elsewhere it
 * reports nothing rather than a wrong figure).
 */
public final class StackMemory implements AutoCloseable {

    private final AtomicLong peakKib = new AtomicLong(-1);
    private final AtomicLong peakProcesses = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hybridpipe-memory");
        t.setDaemon(true);
        return t;
    });

    public StackMemory start() {
        sampler.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Peak of the summed RSS in MiB, or -1 when {@code /proc} could not be read. */
    public long peakMib() {
        long kib = peakKib.get();
        return kib < 0 ? -1 : kib / 1024;
    }

    /** How many processes the stack had when the peak was taken. */
    public long processesAtPeak() {
        return peakProcesses.get();
    }

    private void sample() {
        List<ProcessHandle> processes = Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .toList();
        long total = 0;
        for (ProcessHandle process : processes) {
            long rss = rssKib(process.pid());
            if (rss < 0) {
                return; // not Linux, or the process ended mid-sample: skip this sample rather than under-count
            }
            total += rss;
        }
        if (total > peakKib.get()) {
            peakKib.set(total);
            peakProcesses.set(processes.size());
        }
    }

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
