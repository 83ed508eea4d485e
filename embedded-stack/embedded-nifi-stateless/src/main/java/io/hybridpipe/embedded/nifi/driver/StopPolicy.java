package io.hybridpipe.embedded.nifi.driver;

import io.hybridpipe.embedded.nifi.TriggerPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Decides, between two triggers, whether the driver stops and why: the trigger limit, the deadline, or a
 * requested stop once the flow has been quiet for the plan's drain period (at most five such periods).
 */
final class StopPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(StopPolicy.class);
    // A source that never goes quiet (GenerateFlowFile) must not keep a requested stop waiting forever.
    private static final int DRAIN_LIMIT_IN_QUIET_PERIODS = 5;

    private final TriggerPlan plan;
    private final Path stopFile;
    private final long deadline;
    private final long quietNanos;
    private long drainStart = -1;
    private long lastProgress = System.nanoTime();

    /** {@code stopFile} null: stop requests do not apply (a fed batch is always run to the end). */
    StopPolicy(TriggerPlan plan, Path stopFile) {
        this.plan = plan;
        this.stopFile = stopFile;
        this.deadline = System.nanoTime() + plan.maxDuration().toNanos();
        this.quietNanos = plan.drainQuietPeriod().toNanos();
    }

    /** The reason to stop before the next trigger, if there is one. */
    Optional<String> beforeTrigger(int triggersSoFar) {
        long now = System.nanoTime();
        if (plan.maxTriggers() > 0 && triggersSoFar >= plan.maxTriggers()) {
            return Optional.of("max-triggers");
        }
        if (drainStart < 0 && stopFile != null && Files.exists(stopFile)) {
            drainStart = now;
            lastProgress = now;
            LOG.info("Stop requested: triggering until the flow has made no progress for {} ms", plan.drainQuietPeriod().toMillis());
        }
        if (drainStart >= 0 && now - lastProgress >= quietNanos) {
            return Optional.of("stop-requested");
        }
        if (drainStart >= 0 && now - drainStart >= quietNanos * DRAIN_LIMIT_IN_QUIET_PERIODS) {
            LOG.warn("The flow was still making progress {} ms after the stop request; stopping anyway",
                    TimeUnit.NANOSECONDS.toMillis(now - drainStart));
            return Optional.of("stop-requested-while-busy");
        }
        if (remainingNanos() <= 0) {
            return Optional.of("deadline");
        }
        return Optional.empty();
    }

    void progressed() {
        lastProgress = System.nanoTime();
    }

    long remainingNanos() {
        return deadline - System.nanoTime();
    }
}
