package io.hybridpipe.embedded.nifi;

import java.time.Duration;
import java.util.Objects;

/**
 * When the driver stops triggering the dataflow. It always stops at {@code maxDuration}; before that it
 * stops after {@code maxTriggers} triggers (0: no limit), when {@code stopWhenIdle} is set and no FlowFile
 * is left queued after a trigger, or when the test asks it to ({@link RunningStatelessFlow#requestStop()}).
 *
 * <p>On a requested stop the driver first keeps triggering until the flow has made no progress for
 * {@code drainQuietPeriod}: a source that buffers in memory (a stream reader, a batch waiting for its
 * latency) hands over what it holds, instead of losing it when the engine shuts down.
 *
 * <p>A plan {@code fedInBatches} keeps the engine up until a stop is requested or {@code maxDuration} passes, and runs
 * each batch handed over through {@link RunningStatelessFlow#feed} until nothing of it is left queued: the engine
 * (and its dataflow, connections and pools) is created once instead of once per batch.
 */
public record TriggerPlan(int maxTriggers, Duration maxDuration, boolean stopWhenIdle, Duration drainQuietPeriod,
                          boolean fedInBatches) {

    private static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(60);
    private static final Duration DEFAULT_DRAIN_QUIET_PERIOD = Duration.ofSeconds(2);

    public TriggerPlan {
        if (maxTriggers < 0) {
            throw new IllegalArgumentException("maxTriggers must be >= 0, was " + maxTriggers);
        }
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive, was " + maxDuration);
        }
        Objects.requireNonNull(drainQuietPeriod, "drainQuietPeriod");
        if (drainQuietPeriod.isNegative()) {
            throw new IllegalArgumentException("drainQuietPeriod must not be negative, was " + drainQuietPeriod);
        }
        if (fedInBatches && maxTriggers != 0) {
            throw new IllegalArgumentException("A plan fed in batches runs each batch until idle; it takes no trigger limit");
        }
    }

    public TriggerPlan(int maxTriggers, Duration maxDuration, boolean stopWhenIdle, Duration drainQuietPeriod) {
        this(maxTriggers, maxDuration, stopWhenIdle, drainQuietPeriod, false);
    }

    /** Exactly {@code triggers} triggers (fewer only if the deadline comes first). */
    public static TriggerPlan times(int triggers) {
        if (triggers < 1) {
            throw new IllegalArgumentException("triggers must be >= 1, was " + triggers);
        }
        return new TriggerPlan(triggers, DEFAULT_MAX_DURATION, false, Duration.ZERO);
    }

    /** Until everything fed into the input ports has gone through the flow. */
    public static TriggerPlan untilIdle() {
        return new TriggerPlan(0, DEFAULT_MAX_DURATION, true, Duration.ZERO);
    }

    /** Keeps triggering a source-driven flow until the test requests a stop (then drains) or the deadline passes. */
    public static TriggerPlan untilStopped() {
        return new TriggerPlan(0, DEFAULT_MAX_DURATION, false, DEFAULT_DRAIN_QUIET_PERIOD);
    }

    /**
     * Keeps the engine up and runs every batch fed through {@link RunningStatelessFlow#feed} until none of it is
     * queued, in the order fed, until a stop is requested (a batch already fed is finished first) or the deadline.
     */
    public static TriggerPlan fedInBatchesUntilStopped() {
        return new TriggerPlan(0, DEFAULT_MAX_DURATION, true, Duration.ZERO, true);
    }

    public TriggerPlan within(Duration duration) {
        return new TriggerPlan(maxTriggers, duration, stopWhenIdle, drainQuietPeriod, fedInBatches);
    }

    /** How long the flow must show no progress, after a stop request, before the driver stops (0: at once). */
    public TriggerPlan drainingUntilQuietFor(Duration quietPeriod) {
        return new TriggerPlan(maxTriggers, maxDuration, stopWhenIdle, quietPeriod, fedInBatches);
    }
}
