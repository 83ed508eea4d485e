package io.hybridpipe.local.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Polls one stage's probe and keeps its latest state, so each stage can be polled on its own thread and a slow one
 * (Hive listing files) does not coarsen the others' latency resolution. A failed poll is reported and the last good
 * counts are kept; the next poll tries again.
 * <p>
 * The rate is taken over the last {@link #RATE_WINDOW}: Hive and the warehouse grow in steps (a landed file, a
 * committed Spark batch every few seconds), and between two one-second polls such a stage read "0/s", then one batch
 * per second, while it loaded at a steady rate.
 */
final class StagePoller {

    static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    private final StageProbe probe;
    private final Clock clock;
    private final Consumer<ProbeFailure> failures;
    private volatile PollState state = new PollState(0, 0, 0, 0, null, null);
    /** Successful readings, oldest first: the last one at or before the window's start, then those inside it. */
    private final ArrayDeque<Reading> recent = new ArrayDeque<>();
    private long polls;
    private long failed;
    private long lastStartNanos;
    private long intervalSumNanos;
    private long intervalMaxNanos;
    private long pollSumNanos;

    StagePoller(StageProbe probe, Clock clock, Consumer<ProbeFailure> failures) {
        this.probe = probe;
        this.clock = clock;
        this.failures = failures;
    }

    Stage stage() {
        return probe.stage();
    }

    synchronized void pollOnce() {
        long start = System.nanoTime();
        if (polls > 0) {
            long interval = start - lastStartNanos;
            intervalSumNanos += interval;
            intervalMaxNanos = Math.max(intervalMaxNanos, interval);
        }
        lastStartNanos = start;
        Instant at = clock.instant();
        PollState before = state;
        try {
            ProbeReading r = probe.poll();
            state = new PollState(r.records(), r.distinct(), r.available(), rateOverWindow(at, r.records()), null, at);
        } catch (Exception | LinkageError e) { // a driver missing a class must not stop the other stages
            String why = describe(e);
            failed++;
            failures.accept(new ProbeFailure(at, probe.stage(), why));
            state = new PollState(before.records(), before.distinct(), before.available(), before.ratePerSecond(), why,
                    before.at());
        }
        polls++;
        pollSumNanos += System.nanoTime() - start;
    }

    private double rateOverWindow(Instant at, long records) {
        recent.addLast(new Reading(at, records));
        Instant windowStart = at.minus(RATE_WINDOW);
        while (recent.size() > 2 && !secondOldest().at().isAfter(windowStart)) {
            recent.removeFirst();
        }
        Reading from = recent.peekFirst();
        double seconds = Duration.between(from.at(), at).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : Math.max(0, records - from.records()) / seconds;
    }

    private Reading secondOldest() {
        Iterator<Reading> it = recent.iterator();
        it.next();
        return it.next();
    }

    private record Reading(Instant at, long records) {
    }

    /** Every id in the stage, read to the end; waits for a poll in progress. */
    synchronized IdCounts contents() throws Exception {
        return probe.contents();
    }

    PollState state() {
        return state;
    }

    synchronized PollStats stats() {
        long intervals = Math.max(1, polls - 1);
        return new PollStats(polls, failed, polls > 1 ? intervalSumNanos / intervals / 1_000_000 : 0,
                intervalMaxNanos / 1_000_000, polls > 0 ? pollSumNanos / polls / 1_000_000 : 0);
    }

    synchronized void close() {
        probe.close();
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /**
     * @param available records the stage holds, read by the probe or not
     * @param error     why the latest poll failed, or null
     * @param at        when the latest successful poll started, null before the first
     */
    record PollState(long records, long distinct, long available, double ratePerSecond, String error, Instant at) {
    }
}
