package io.hybridpipe.spark.warehouse;

import java.time.Duration;

/** The pause before another attempt at a warehouse operation: doubling from the first backoff, capped at 2^10 of it. */
final class RetryBackoff {

    private RetryBackoff() {
    }

    /** @param failedAttempt the attempt that just failed, from 1 */
    static void pauseAfter(int failedAttempt, Duration firstBackoff, String what) {
        try {
            Thread.sleep(firstBackoff.multipliedBy(1L << Math.min(failedAttempt - 1, 10)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseLoadException("interrupted while waiting to retry " + what, e);
        }
    }
}
