package io.hybridpipe.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What the whole stack uses, this JVM plus every process it started (Hive, NiFi Stateless, MirrorMaker 2, the Spark
 * job) and the PostgreSQL server whose data lives under the stack's work directory (its {@code pg_ctl} detaches it
 * from this process tree), sampled once a second from Linux's {@code /proc} (elsewhere it reports nothing rather than
 * a wrong figure): the peak of the summed resident memory, and the CPU time by engine.
 * <p>
 * CPU by engine is each process's own time ({@code utime + stime}) since {@link #start}, or since it was born; a
 * process that ended keeps its last reading, so an engine restarted by chaos adds its new process to the old one's
 * time. The total is exact: summed over the processes alive at a sample with their reaped children's time
 * ({@code cutime + cstime}), a process that ended is counted once, under the parent that reaped it. What the total has
 * and no engine has (the last second of a process that ended, PostgreSQL connections that lived less than a second)
 * is reported as such.
 */
public final class StackResources implements AutoCloseable {

    private static final double SECONDS_PER_TICK = 0.01; // USER_HZ is 100 on every Linux architecture Java runs on
    static final String STACK_JVM = "stack JVM (Kafka x2, MiniDFS, S3Proxy, X emulator, bridges, probes)";

    private final AtomicLong peakKib = new AtomicLong(-1);
    private final AtomicLong peakProcesses = new AtomicLong();
    static final String UNATTRIBUTED = "ended between two samples";
    private static final String OTHER = "other (";
    /** Per process (pid and start time: pids are reused): its engine, its own ticks when first seen (0 if born after
     * the start) and at its last sample. */
    private final Map<ProcessKey, ProcessTicks> processes = new ConcurrentHashMap<>();
    private final AtomicLong firstTotalTicks = new AtomicLong(-1);
    private final AtomicLong lastTotalTicks = new AtomicLong(-1);
    /** Time ended processes had used before the start: reaped, it joined the total through their parent's. */
    private final AtomicLong endedBeforeStartTicks = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hybridpipe-resources");
        t.setDaemon(true);
        return t;
    });
    private final String workDirectory;
    private volatile long startNanos;
    private volatile long lastNanos;
    private volatile ProcessHandle postmaster;
    private volatile long startUptimeTicks;

    private record ProcessKey(long pid, long startedAfterBootTicks) {
    }

    private record ProcessTicks(String engine, long first, long last, boolean ended) {
    }

    /** @param workDirectory the stack's work directory, where its PostgreSQL keeps its data */
    public StackResources(Path workDirectory) {
        this.workDirectory = workDirectory.toAbsolutePath().normalize().toString();
    }

    public StackResources start() {
        startNanos = System.nanoTime();
        startUptimeTicks = uptimeTicks();
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

    /**
     * CPU seconds by engine since {@link #start}, largest first, as of the last sample, then {@value #UNATTRIBUTED}: what
     * the exact total has beyond the engines' sum. Empty without {@code /proc}.
     */
    public Map<String, Double> cpuSecondsByEngine() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        if (lastTotalTicks.get() < 0) {
            return seconds;
        }
        Map<String, Long> ticks = new TreeMap<>();
        processes.values().forEach(p -> ticks.merge(p.engine(), p.last() - p.first(), Long::sum));
        long attributed = ticks.values().stream().mapToLong(Long::longValue).sum();
        ticks.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> seconds.put(e.getKey(), e.getValue() * SECONDS_PER_TICK));
        long rest = lastTotalTicks.get() - firstTotalTicks.get() - endedBeforeStartTicks.get() - attributed;
        if (rest > 0) {
            seconds.put(UNATTRIBUTED, rest * SECONDS_PER_TICK);
        }
        return seconds;
    }

    /** Wall-clock seconds from {@link #start} to the last sample. */
    public double sampledSeconds() {
        return (lastNanos - startNanos) / 1e9;
    }

    private void sample() {
        List<ProcessHandle> alive = Stream.of(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants(),
                postgres()).flatMap(p -> p).distinct().toList();
        long totalRss = 0;
        boolean rssComplete = true;
        long total = 0;
        Set<ProcessKey> seen = new HashSet<>();
        for (ProcessHandle process : alive) {
            long rss = rssKib(process.pid());
            if (rss < 0) {
                rssComplete = false; // not Linux, or the process ended mid-sample: no RSS figure rather than an under-count
            }
            totalRss += rss;
            ProcStat stat = ProcStat.read(process.pid());
            if (stat != null) {
                total += stat.ownTicks() + stat.reapedChildrenTicks();
                ProcessKey key = new ProcessKey(process.pid(), stat.startedAfterBootTicks());
                seen.add(key);
                ProcessTicks known = processes.get(key);
                // a child first seen between fork and exec (as "java" or "jspawnhelper") is named again once it runs
                String engine = known != null && !known.engine().startsWith(OTHER)
                        ? known.engine() : engineOf(process.pid(), stat.command());
                processes.put(key, known != null
                        ? new ProcessTicks(engine, known.first(), stat.ownTicks(), false)
                        : new ProcessTicks(engine,
                                stat.startedAfterBootTicks() > startUptimeTicks ? 0 : stat.ownTicks(), stat.ownTicks(), false));
            }
        }
        processes.replaceAll((key, p) -> {
            if (p.ended() || seen.contains(key)) {
                return p;
            }
            endedBeforeStartTicks.addAndGet(p.first());
            return new ProcessTicks(p.engine(), p.first(), p.last(), true);
        });
        if (rssComplete && totalRss > peakKib.get()) {
            peakKib.set(totalRss);
            peakProcesses.set(alive.size());
        }
        if (total > 0) {
            firstTotalTicks.compareAndSet(-1, total);
            lastTotalTicks.set(total);
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
        return OTHER + command + ")";
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

    /** The fields of {@code /proc/<pid>/stat} this class reads; times in clock ticks. */
    record ProcStat(String command, long ownTicks, long reapedChildrenTicks, long startedAfterBootTicks) {
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
            // after the command: state is field 3; utime, stime, cutime, cstime are fields 14-17, starttime field 22
            String[] f = s.substring(close + 2).split(" ");
            return new ProcStat(s.substring(open + 1, close), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                    Long.parseLong(f[13]) + Long.parseLong(f[14]), Long.parseLong(f[19]));
        }
    }

    /** Clock ticks since boot, the unit of a process's start time; 0 where there is no {@code /proc/uptime}. */
    private static long uptimeTicks() {
        try {
            String seconds = Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII).split(" ")[0];
            return (long) (Double.parseDouble(seconds) / SECONDS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return 0;
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
