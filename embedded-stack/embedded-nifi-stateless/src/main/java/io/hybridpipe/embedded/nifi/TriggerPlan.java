package io.hybridpipe.embedded.nifi;

import java.time.Duration;
import java.util.Objects;

/**
 * When the driver stops triggering the dataflow. It always stops at {@code maxDuration}; before that it
 * stops after {@code maxTriggers} triggers (0: no limit), when {@code stopWhenIdle} is set and no FlowFile
 * is left queued after a trigger, or when the test asks it to ({@link RunningStatelessFlow#requestStop()}).
 */
public record TriggerPlan(int maxTriggers, Duration maxDuration, boolean stopWhenIdle) {

    private static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(60);

    public TriggerPlan {
        if (maxTriggers < 0) {
            throw new IllegalArgumentException("maxTriggers must be >= 0, was " + maxTriggers);
        }
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive, was " + maxDuration);
        }
    }

    /** Exactly {@code triggers} triggers (fewer only if the deadline comes first). */
    public static TriggerPlan times(int triggers) {
        if (triggers < 1) {
            throw new IllegalArgumentException("triggers must be >= 1, was " + triggers);
        }
        return new TriggerPlan(triggers, DEFAULT_MAX_DURATION, false);
    }

    /** Until everything fed into the input ports has gone through the flow. */
    public static TriggerPlan untilIdle() {
        return new TriggerPlan(0, DEFAULT_MAX_DURATION, true);
    }

    /** Keeps triggering a source-driven flow until the test requests a stop or the deadline passes. */
    public static TriggerPlan untilStopped() {
        return new TriggerPlan(0, DEFAULT_MAX_DURATION, false);
    }

    public TriggerPlan within(Duration duration) {
        return new TriggerPlan(maxTriggers, duration, stopWhenIdle);
    }
}
