package io.hybridpipe.local.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Watches the four stages of a running pipeline: polls every stage about once a second, each on its own thread
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

    /** How long verification waits between two checks while stages are still catching up. */
    private static final Duration VERIFY_RETRY = Duration.ofSeconds(2);

    /**
     * The least time between two full verifications when the counts say a stage has caught up but ids are still
     * missing (duplicates make up the count): each one reads every id of every stage.
     */
    private static final Duration FULL_RECHECK = Duration.ofSeconds(10);

    private final EmittedTweets emitted;
    private final ObserverSettings settings;
    private final LatencyTracker latency;
    private final Map<Stage, StagePoller> pollers = new EnumMap<>(Stage.class);
    private final List<StageSnapshot> timeline = Collections.synchronizedList(new ArrayList<>());
    private final List<Marker> markers = Collections.synchronizedList(new ArrayList<>());
    private final List<ProbeFailure> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Ticker> tickers = new ArrayList<>();
    private volatile StageSnapshot snapshot;
    private volatile Instant startedAt;
    private volatile Instant endedAt;
    private final EmittedIdsFollower emittedIds;
    private long emittedDistinct;

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
        this.emittedIds = new EmittedIdsFollower(emitted);
        for (StageProbe p : probes) {
            pollers.put(p.stage(), new StagePoller(p, settings.clock(), failures::add));
        }
        if (pollers.size() != Stage.values().length) {
            throw new IllegalArgumentException("need one probe per stage, got " + pollers.keySet());
        }
        this.startedAt = settings.clock().instant();
        Map<Stage, StageStatus> empty = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            empty.put(s, new StageStatus(0, 0, 0, 0, null));
        }
        this.snapshot = new StageSnapshot(startedAt, Duration.ZERO, 0, 0, empty);
    }

    /** Starts polling in the background: every stage and the timeline every {@link ObserverSettings#pollInterval()}. */
    public synchronized void start() {
        if (!tickers.isEmpty()) {
            throw new IllegalStateException("already started");
        }
        startedAt = settings.clock().instant();
        for (StagePoller poller : pollers.values()) {
            String name = "hybridpipe-observe-" + poller.stage().name().toLowerCase(java.util.Locale.ROOT);
            tickers.add(Ticker.start(name, settings.pollInterval(), () -> inBackground(poller::pollOnce)));
        }
        tickers.add(Ticker.start("hybridpipe-observer", settings.pollInterval(), () -> inBackground(this::compose)));
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
        synchronized (this) {
            emittedDistinct = expected.size();
        }
        long nextFullCheck = System.nanoTime();
        while (true) {
            boolean timedOut = System.nanoTime() - deadline >= 0;
            boolean caughtUp = caughtUp(expected.size());
            if (timedOut || (caughtUp && System.nanoTime() - nextFullCheck >= 0)) {
                nextFullCheck = System.nanoTime() + FULL_RECHECK.toNanos();
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

    /** What the report draws: the timeline so far, latency samples, markers, probe failures and poll statistics. */
    public RunRecord record() {
        Instant end = endedAt != null ? endedAt : settings.clock().instant();
        long distinct;
        synchronized (this) {
            distinct = emittedDistinct;
        }
        Map<Stage, PollStats> polls = new EnumMap<>(Stage.class);
        pollers.forEach((stage, poller) -> polls.put(stage, poller.stats()));
        return new RunRecord(startedAt, end, settings.pollInterval(), settings.latencySampleEvery(),
                emitted.sentCount(), distinct, copy(timeline), latency.samples(), copy(markers), allFailures(), polls);
    }

    @Override
    public void close() {
        List<Ticker> running;
        synchronized (this) {
            running = List.copyOf(tickers);
            tickers.clear();
        }
        running.forEach(t -> t.stop(Duration.ofSeconds(30)));
        pollers.values().forEach(StagePoller::close);
    }

    /** Polls every stage once, one after the other, then takes a snapshot: how tests drive the observer. */
    void sampleOnce() {
        for (StagePoller poller : pollers.values()) {
            poller.pollOnce();
        }
        compose();
    }

    /**
     * A scheduled task that throws is never run again, silently: keep going after anything short of the JVM
     * failing, and put what happened on the timeline.
     */
    private void inBackground(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | LinkageError e) {
            mark("observer: a background task failed: " + StagePoller.describe(e));
        }
    }

    /** Takes a snapshot of every stage's latest state and adds it to the timeline. */
    private synchronized void compose() {
        Instant at = settings.clock().instant();
        long sent = emitted.sentCount();
        emittedDistinct = emittedIds.distinct();
        Map<Stage, StagePoller.PollState> states = new EnumMap<>(Stage.class);
        pollers.forEach((stage, poller) -> states.put(stage, poller.state()));
        Map<Stage, StageStatus> now = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            StagePoller.PollState s = states.get(stage);
            long upstream = switch (stage) {
                case KAFKA_ONPREM -> sent;
                case HIVE, KAFKA_AWS -> states.get(Stage.KAFKA_ONPREM).available();
                case WAREHOUSE -> states.get(Stage.KAFKA_AWS).available();
            };
            now.put(stage, new StageStatus(s.records(), s.distinct(), s.ratePerSecond(),
                    Math.max(0, upstream - s.available()), s.error()));
        }
        StageSnapshot next = new StageSnapshot(at, Duration.between(startedAt, at), sent, emittedDistinct, now);
        snapshot = next;
        timeline.add(next);
    }

    /** Cheap check, before the full verification: every stage counts at least as many ids as were emitted. */
    private boolean caughtUp(int expected) {
        boolean running;
        synchronized (this) {
            running = !tickers.isEmpty();
        }
        if (!running) {
            sampleOnce();
        }
        for (StagePoller poller : pollers.values()) {
            StagePoller.PollState s = poller.state();
            long have = s.distinct() >= 0 ? s.distinct() : s.records();
            if (s.error() != null || have < expected) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stage by stage in pipeline order. A possibly-sent tweet may be in Kafka onprem or not; once there, the pipeline
     * owes it to every later stage, so from then on it is expected like any other (unless Kafka onprem could not be
     * read: then the later stages may hold it once, as Kafka onprem may).
     */
    private VerificationResult verify(Set<String> sent, boolean timedOut) {
        Set<String> possiblySent = new HashSet<>(emitted.possiblySentIds());
        possiblySent.removeAll(sent);
        Set<String> expected = sent;
        Set<String> allowed = possiblySent;
        long arrived = 0;
        List<StageVerification> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            try {
                IdCounts contents = pollers.get(stage).contents();
                stages.add(ExactlyOnceCheck.verify(stage, expected, allowed, contents, settings.exampleIdsPerProblem()));
                if (stage == Stage.KAFKA_ONPREM) {
                    Set<String> reached = new HashSet<>(sent);
                    possiblySent.stream().filter(id -> contents.count(id) > 0).forEach(reached::add);
                    arrived = reached.size() - sent.size();
                    expected = reached;
                    allowed = Set.of();
                }
            } catch (Exception | LinkageError e) {
                String why = StagePoller.describe(e);
                failures.add(new ProbeFailure(settings.clock().instant(), stage, "verification: " + why));
                stages.add(ExactlyOnceCheck.unreadable(stage, expected.size(), why));
            }
        }
        return new VerificationResult(settings.clock().instant(), sent.size(), timedOut, possiblySent.size(), arrived,
                stages);
    }

    private List<ProbeFailure> allFailures() {
        List<ProbeFailure> all = new ArrayList<>(copy(failures));
        all.addAll(latency.problems());
        all.sort(Comparator.comparing(ProbeFailure::at));
        return all;
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
