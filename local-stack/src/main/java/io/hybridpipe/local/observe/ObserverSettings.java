package io.hybridpipe.local.observe;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the observer samples.
 *
 * @param pollInterval         time between two samples of every stage; also the resolution of the latencies
 * @param latencySampleEvery   k: one tweet id in k (chosen by a hash of the id, the same ids in every stage) gets a
 *                             latency sample; 1 samples every tweet
 * @param exampleIdsPerProblem how many example ids a verification keeps per kind of discrepancy and stage
 * @param clock                the clock poll times are read from (a fixed or stepped clock in tests)
 */
public record ObserverSettings(Duration pollInterval, int latencySampleEvery, int exampleIdsPerProblem, Clock clock) {

    /** About this many latency samples per stage, whatever the run size. */
    static final int TARGET_LATENCY_SAMPLES = 2_000;

    public ObserverSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(clock, "clock");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        if (latencySampleEvery < 1) {
            throw new IllegalArgumentException("latencySampleEvery must be >= 1, was " + latencySampleEvery);
        }
        if (exampleIdsPerProblem < 0) {
            throw new IllegalArgumentException("exampleIdsPerProblem must be >= 0, was " + exampleIdsPerProblem);
        }
    }

    /** One sample a second, about {@value #TARGET_LATENCY_SAMPLES} latency samples for a run of this many tweets. */
    public static ObserverSettings forExpectedTweets(long expectedTweets) {
        int k = (int) Math.max(1, Math.min(Integer.MAX_VALUE, expectedTweets / TARGET_LATENCY_SAMPLES));
        return new ObserverSettings(Duration.ofSeconds(1), k, 5, Clock.systemUTC());
    }

    public ObserverSettings withPollInterval(Duration interval) {
        return new ObserverSettings(interval, latencySampleEvery, exampleIdsPerProblem, clock);
    }

    public ObserverSettings withClock(Clock c) {
        return new ObserverSettings(pollInterval, latencySampleEvery, exampleIdsPerProblem, c);
    }
}
