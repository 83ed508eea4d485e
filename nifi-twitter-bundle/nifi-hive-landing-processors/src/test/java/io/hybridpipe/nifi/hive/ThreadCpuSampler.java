package io.hybridpipe.nifi.hive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where a benchmark's CPU went, by group of the JVM's threads, GC and JIT threads included: Linux's per-thread
 * accounting in {@code /proc/self/task} (names truncated to 15 characters, times in 10 ms ticks). MiniDFS starts
 * DataNode threads per block that are gone before the run ends, so the threads are polled while the run lasts and
 * the last reading of each is kept; what exited between two polls is the process total minus the threads' sum.
 */
final class ThreadCpuSampler {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final double SECONDS_PER_TICK = 0.01; // USER_HZ is 100 on every Linux architecture Java runs on
    private static final long POLL_MILLIS = 250;

    private final Function<String, String> groupOf;
    private final Map<String, Long> startTicks;
    private final Map<String, Long> lastTicks = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final long processTicksAtStart;
    private final Thread poller;
    private volatile boolean running = true;

    /** @param groupOf maps a thread's name (as Linux has it, at most 15 characters) to the group it counts in */
    ThreadCpuSampler(Function<String, String> groupOf) {
        this.groupOf = groupOf;
        startTicks = readTasks();
        processTicksAtStart = processTicks();
        poller = new Thread(this::pollUntilStopped, "cpu-sampler");
        poller.setDaemon(true);
        poller.start();
    }

    private void pollUntilStopped() {
        while (running) {
            poll();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void poll() {
        lastTicks.putAll(readTasks());
    }

    /** Stops polling; CPU seconds by group, then "exited between polls" and "process total". */
    Map<String, Double> stop() throws InterruptedException {
        running = false;
        poller.join();
        poll();
        long processTicks = processTicks() - processTicksAtStart;
        Map<String, Double> byGroup = new TreeMap<>();
        long accounted = 0;
        synchronized (this) {
            for (Map.Entry<String, Long> e : lastTicks.entrySet()) {
                long used = e.getValue() - startTicks.getOrDefault(e.getKey(), 0L);
                accounted += used;
                byGroup.merge(groupOf.apply(names.get(e.getKey())), used * SECONDS_PER_TICK, Double::sum);
            }
        }
        Map<String, Double> result = new LinkedHashMap<>(byGroup);
        result.put("threads that exited between two " + POLL_MILLIS + " ms polls", (processTicks - accounted) * SECONDS_PER_TICK);
        result.put("process total", processTicks * SECONDS_PER_TICK);
        return result;
    }

    private Map<String, Long> readTasks() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                String tid = task.getFileName().toString();
                try {
                    long used = ticks(task.resolve("stat"));
                    if (!names.containsKey(tid)) {
                        names.put(tid, Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim());
                    }
                    ticks.put(tid, used);
                } catch (NoSuchFileException e) {
                    // the thread exited while the directory was listed: its time is in the process total
                    ticks.remove(tid);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    private static long processTicks() {
        try {
            return ticks(Path.of("/proc/self/stat"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** utime + stime of a {@code stat} file; fields counted after the name, which may contain spaces. */
    private static long ticks(Path stat) throws IOException {
        String line = Files.readString(stat, StandardCharsets.UTF_8);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
