package io.hybridpipe.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * What the whole stack uses, this JVM plus every process it started (Hive, NiFi Stateless, MirrorMaker 2, the Spark
 * job) and the PostgreSQL server whose data lives under the stack's work directory (its {@code pg_ctl} detaches it
 * from this process tree), sampled once a second from Linux's {@code /proc} (elsewhere it reports nothing rather than
 * a wrong figure): the peak of the summed resident memory, and the CPU time by engine.
 * <p>
 * CPU is summed over the processes alive at a sample, each with its reaped children's time ({@code cutime},
 * {@code cstime}): a process that ended was reaped by its parent in the tree (this JVM reaps the engines it started,
 * the postmaster its connections), so its time is counted once, under its parent, and never lost with it.
 */
public final class StackResources implements AutoCloseable {

    private static final double SECONDS_PER_TICK = 0.01; // USER_HZ is 100 on every Linux architecture Java runs on
    static final String STACK_JVM = "stack JVM (Kafka x2, MiniDFS, S3Proxy, X emulator, bridges, probes)";

    private final AtomicLong peakKib = new AtomicLong(-1);
    private final AtomicLong peakProcesses = new AtomicLong();
    private final AtomicReference<Map<String, Long>> startTicks = new AtomicReference<>();
    private final AtomicReference<Map<String, Long>> lastTicks = new AtomicReference<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hybridpipe-resources");
        t.setDaemon(true);
        return t;
    });
    private final String workDirectory;
    private volatile long startNanos;
    private volatile long lastNanos;
    private volatile ProcessHandle postmaster;

    /** @param workDirectory the stack's work directory, where its PostgreSQL keeps its data */
    public StackResources(Path workDirectory) {
        this.workDirectory = workDirectory.toAbsolutePath().normalize().toString();
    }

    public StackResources start() {
        startNanos = System.nanoTime();
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

    /** CPU seconds by engine since {@link #start}, largest first, as of the last sample; empty without {@code /proc}. */
    public Map<String, Double> cpuSecondsByEngine() {
        Map<String, Long> first = startTicks.get();
        Map<String, Long> last = lastTicks.get();
        Map<String, Double> seconds = new LinkedHashMap<>();
        if (first == null || last == null) {
            return seconds;
        }
        last.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - first.getOrDefault(e.getKey(), 0L)) * SECONDS_PER_TICK))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> seconds.put(e.getKey(), e.getValue()));
        return seconds;
    }

    /** Wall-clock seconds from {@link #start} to the last sample. */
    public double sampledSeconds() {
        return (lastNanos - startNanos) / 1e9;
    }

    private void sample() {
        List<ProcessHandle> processes = Stream.of(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants(),
                postgres()).flatMap(p -> p).distinct().toList();
        long totalRss = 0;
        boolean rssComplete = true;
        Map<String, Long> ticks = new TreeMap<>();
        for (ProcessHandle process : processes) {
            long rss = rssKib(process.pid());
            if (rss < 0) {
                rssComplete = false; // not Linux, or the process ended mid-sample: no RSS figure rather than an under-count
            }
            totalRss += rss;
            ProcStat stat = ProcStat.read(process.pid());
            if (stat != null) {
                ticks.merge(engineOf(process.pid(), stat.command()), stat.ticksWithReapedChildren(), Long::sum);
            }
        }
        if (rssComplete && totalRss > peakKib.get()) {
            peakKib.set(totalRss);
            peakProcesses.set(processes.size());
        }
        if (!ticks.isEmpty()) {
            startTicks.compareAndSet(null, ticks);
            lastTicks.set(ticks);
            lastNanos = System.nanoTime();
        }
    }

    static String engineOf(long pid, String command) {
        if (pid == ProcessHandle.current().pid()) {
            return STACK_JVM;
        }
        if (command.startsWith("postgres")) {
            return "PostgreSQL";
        }
        String commandLine = commandLine(pid);
        if (commandLine.contains("StatelessFlowDriver")) {
            return "NiFi Stateless engines";
        }
        if (commandLine.contains("HiveServerMain")) {
            return "Hive (Spark Thrift Server)";
        }
        if (commandLine.contains("Mm2Cli")) {
            return "MirrorMaker 2";
        }
        if (commandLine.contains("StreamingJobMain")) {
            return "Spark job";
        }
        return "other (" + command + ")";
    }

    /** The PostgreSQL server started for this stack and its connections' processes; none if there is no such server. */
    private Stream<ProcessHandle> postgres() {
        ProcessHandle known = postmaster;
        if (known == null || !known.isAlive()) {
            known = findPostmaster();
            postmaster = known;
        }
        return known == null ? Stream.empty() : Stream.concat(Stream.of(known), known.descendants());
    }

    private ProcessHandle findPostmaster() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> {
                        ProcStat stat = ProcStat.read(pid);
                        return stat != null && stat.command().equals("postgres") && commandLine(pid).contains(workDirectory);
                    })
                    .findFirst().flatMap(ProcessHandle::of).orElse(null);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /**
     * The command line as {@code /proc/<pid>/cmdline} has it. Not {@code ProcessHandle.info()}, which came back without
     * the arguments of the stack's child JVMs (their class paths run to tens of kilobytes).
     */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** The fields of {@code /proc/<pid>/stat} this class reads. */
    record ProcStat(String command, long ticksWithReapedChildren) {
        static ProcStat read(long pid) {
            String s;
            try {
                s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            } catch (IOException | RuntimeException gone) {
                return null;
            }
            int open = s.indexOf('(');
            int close = s.lastIndexOf(')');
            if (open < 0 || close < open) {
                return null;
            }
            // after the command: state is field 3; utime, stime, cutime, cstime are fields 14-17
            String[] f = s.substring(close + 2).split(" ");
            return new ProcStat(s.substring(open + 1, close),
                    Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]));
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
