package io.hybridpipe.local.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Watches the four stages of a running pipeline: samples every stage about once a second on a background thread
 * (counts, rates, lag, latency samples), keeps the timeline and markers, and at the end verifies by distinct tweet id
 * that every emitted tweet is in every stage exactly once.
 *
 * <p>A probe that fails (an engine restarting during chaos) is recorded as a {@link ProbeFailure}, shown in the
 * snapshot, and polled again next time; it never stops the observer.
 *
 * <p>Lag is what a stage has not got yet from the stage it is fed by: Kafka onprem behind the emulator (sent
 * tweets), Hive and Kafka aws behind Kafka onprem, the warehouse behind Kafka aws. A Kafka stage's count includes
 * the records its probe has not read yet (end offsets - position), so the probe's own lag does not show as pipeline
 * lag.
 */
public final class PipelineObserver implements AutoCloseable {

    /**
     * How often the emitted distinct ids are counted while running: counting copies the emulator's whole id log
     * under its lock, which would slow emission at high rates if done every second.
     */
    private static final Duration DISTINCT_COUNT_PERIOD = Duration.ofSeconds(10);

    /** How long verification waits between two checks while stages are still catching up. */
    private static final Duration VERIFY_RETRY = Duration.ofSeconds(2);

    private final EmittedTweets emitted;
    private final ObserverSettings settings;
    private final LatencyTracker latency;
    private final Map<Stage, StageProbe> probes;
    private final Object probeLock = new Object();
    private final List<StageSnapshot> timeline = Collections.synchronizedList(new ArrayList<>());
    private final List<Marker> markers = Collections.synchronizedList(new ArrayList<>());
    private final List<ProbeFailure> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<Stage, StageStatus> latest = new EnumMap<>(Stage.class);
    private Ticker sampler;
    private volatile StageSnapshot snapshot;
    private volatile Instant startedAt;
    private volatile Instant endedAt;
    private long emittedDistinct;
    private Instant emittedDistinctAt = Instant.MIN;

    public PipelineObserver(StageEndpoints endpoints, EmittedTweets emitted, ObserverSettings settings) {
        this(emitted, settings, new LatencyTracker(settings.latencySampleEvery(), settings.clock()), endpoints);
    }

    private PipelineObserver(EmittedTweets emitted, ObserverSettings settings, LatencyTracker latency,
                             StageEndpoints endpoints) {
        this(emitted, settings, latency, StageProbes.open(Objects.requireNonNull(endpoints, "endpoints"), latency,
                settings));
    }

    /** For tests: observe with the given probes (one per stage). */
    PipelineObserver(EmittedTweets emitted, ObserverSettings settings, LatencyTracker latency, List<StageProbe> probes) {
        this.emitted = Objects.requireNonNull(emitted, "emitted");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.latency = latency;
        this.probes = new EnumMap<>(Stage.class);
        for (StageProbe p : probes) {
            this.probes.put(p.stage(), p);
        }
        if (this.probes.size() != Stage.values().length) {
            throw new IllegalArgumentException("need one probe per stage, got " + this.probes.keySet());
        }
        for (Stage s : Stage.values()) {
            latest.put(s, new StageStatus(0, 0, 0, 0, null));
        }
        this.startedAt = settings.clock().instant();
        this.snapshot = new StageSnapshot(startedAt, Duration.ZERO, 0, 0, latest);
    }

    /** Starts sampling in the background, one sample every {@link ObserverSettings#pollInterval()}. */
    public synchronized void start() {
        if (sampler != null) {
            throw new IllegalStateException("already started");
        }
        startedAt = settings.clock().instant();
        sampler = Ticker.start("hybridpipe-observer", settings.pollInterval(), this::sampleInBackground);
    }

    /** The latest per-stage counts, rates and lag. */
    public StageSnapshot snapshot() {
        return snapshot;
    }

    /** Adds a marker to the timeline at the current time. */
    public void mark(String event) {
        markers.add(new Marker(settings.clock().instant(), Objects.requireNonNull(event, "event")));
    }

    /**
     * Waits until every stage holds every emitted distinct id, or until {@code timeout}, then verifies each stage
     * exactly once by distinct id. Call it once the emulator has stopped emitting.
     */
    public VerificationResult awaitComplete(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> expected = new HashSet<>(emitted.distinctSentIds());
        synchronized (probeLock) {
            emittedDistinct = expected.size();
            emittedDistinctAt = settings.clock().instant();
        }
        while (true) {
            boolean timedOut = System.nanoTime() - deadline >= 0;
            boolean caughtUp = caughtUp(expected.size());
            if (caughtUp || timedOut) {
                VerificationResult result = verify(expected, timedOut && !caughtUp);
                boolean stillFilling = result.stages().stream().anyMatch(v -> v.error() != null || v.missing() > 0);
                if (!stillFilling || System.nanoTime() - deadline >= 0) {
                    endedAt = settings.clock().instant();
                    mark("verified: " + (result.passed() ? "PASS" : "FAIL"));
                    return result;
                }
            }
            sleep(VERIFY_RETRY.compareTo(settings.pollInterval()) < 0 ? VERIFY_RETRY : settings.pollInterval());
        }
    }

    /** What the report draws: the timeline so far, latency samples, markers and probe failures. */
    public RunRecord record() {
        Instant end = endedAt != null ? endedAt : settings.clock().instant();
        long sent = emitted.sentCount();
        long distinct;
        synchronized (probeLock) {
            distinct = emittedDistinct;
        }
        return new RunRecord(startedAt, end, settings.pollInterval(), settings.latencySampleEvery(),
                sent, distinct, copy(timeline), latency.samples(), copy(markers),
                allFailures());
    }

    @Override
    public void close() {
        Ticker s;
        synchronized (this) {
            s = sampler;
            sampler = null;
        }
        if (s != null) {
            s.stop(Duration.ofSeconds(30));
        }
        synchronized (probeLock) {
            probes.values().forEach(StageProbe::close);
        }
    }

    /**
     * A scheduled task that throws is never run again, silently: keep sampling after anything short of the JVM
     * failing, and put what happened on the timeline.
     */
    private void sampleInBackground() {
        try {
            sampleOnce();
        } catch (RuntimeException | LinkageError e) {
            mark("observer: a sample failed: " + describe(e));
        }
    }

    /** One sample of every stage; package-private so tests can drive it with a stepped clock. */
    void sampleOnce() {
        synchronized (probeLock) {
            Instant at = settings.clock().instant();
            long sent = emitted.sentCount();
            if (Duration.between(emittedDistinctAt, at).compareTo(DISTINCT_COUNT_PERIOD) >= 0) {
                emittedDistinct = emitted.distinctSentIds().size();
                emittedDistinctAt = at;
            }
            long distinct = emittedDistinct;
            StageSnapshot previous = snapshot;
            double seconds = Math.max(1e-3, Duration.between(previous.at(), at).toMillis() / 1000.0);
            Map<Stage, ProbeReading> readings = new EnumMap<>(Stage.class);
            Map<Stage, String> errors = new EnumMap<>(Stage.class);
            for (Stage stage : Stage.values()) {
                try {
                    readings.put(stage, probes.get(stage).poll());
                } catch (Exception | LinkageError e) { // a driver missing a class must not stop the other stages
                    String why = describe(e);
                    errors.put(stage, why);
                    failures.add(new ProbeFailure(settings.clock().instant(), stage, why));
                }
            }
            Map<Stage, StageStatus> now = new EnumMap<>(Stage.class);
            for (Stage stage : Stage.values()) {
                StageStatus before = latest.get(stage);
                ProbeReading r = readings.get(stage);
                long records = r != null ? r.records() : before.records();
                long distinctIds = r != null ? r.distinct() : before.distinct();
                long available = r != null ? r.available() : before.records() + before.lag();
                long upstream = upstreamAvailable(stage, sent, readings);
                long lag = Math.max(0, upstream - available);
                double rate = Math.max(0, records - before.records()) / seconds;
                now.put(stage, new StageStatus(records, distinctIds, rate, lag, errors.get(stage)));
            }
            latest.putAll(now);
            StageSnapshot next = new StageSnapshot(at, Duration.between(startedAt, at), sent, distinct, now);
            snapshot = next;
            timeline.add(next);
        }
    }

    private long upstreamAvailable(Stage stage, long sent, Map<Stage, ProbeReading> readings) {
        Stage upstream = switch (stage) {
            case KAFKA_ONPREM -> null;
            case HIVE, KAFKA_AWS -> Stage.KAFKA_ONPREM;
            case WAREHOUSE -> Stage.KAFKA_AWS;
        };
        if (upstream == null) {
            return sent;
        }
        ProbeReading r = readings.get(upstream);
        StageStatus before = latest.get(upstream);
        return r != null ? r.available() : before.records() + before.lag();
    }

    /** Cheap check, before the full verification: every stage counts at least as many ids as were emitted. */
    private boolean caughtUp(int expected) {
        sampleOnceIfNotRunning();
        StageSnapshot s = snapshot;
        for (Stage stage : Stage.values()) {
            StageStatus st = s.stage(stage);
            long have = st.distinct() >= 0 ? st.distinct() : st.records();
            if (!st.healthy() || have < expected) {
                return false;
            }
        }
        return true;
    }

    private void sampleOnceIfNotRunning() {
        boolean running;
        synchronized (this) {
            running = sampler != null;
        }
        if (!running) {
            sampleOnce();
        }
    }

    private VerificationResult verify(Set<String> expected, boolean timedOut) {
        List<StageVerification> stages = new ArrayList<>();
        synchronized (probeLock) {
            for (Stage stage : Stage.values()) {
                try {
                    IdCounts contents = probes.get(stage).contents();
                    stages.add(ExactlyOnceCheck.verify(stage, expected, contents, settings.exampleIdsPerProblem()));
                } catch (Exception | LinkageError e) {
                    String why = describe(e);
                    failures.add(new ProbeFailure(settings.clock().instant(), stage, "verification: " + why));
                    stages.add(ExactlyOnceCheck.unreadable(stage, expected.size(), why));
                }
            }
        }
        return new VerificationResult(settings.clock().instant(), expected.size(), timedOut, stages);
    }

    private List<ProbeFailure> allFailures() {
        List<ProbeFailure> all = new ArrayList<>(copy(failures));
        all.addAll(latency.problems());
        all.sort(java.util.Comparator.comparing(ProbeFailure::at));
        return all;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private static <T> List<T> copy(List<T> synchronizedList) {
        synchronized (synchronizedList) {
            return List.copyOf(synchronizedList);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the pipeline to complete", e);
        }
    }
}
