package io.hybridpipe.core.reconnect;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How long to wait before the next connection attempt, following X's documented client duties: reconnect once
 * immediately, then back off by failure class — NETWORK linear (+step up to a cap), HTTP and RATE_LIMITED
 * exponential (doubling up to a cap). A 429 is never retried before {@code x-rate-limit-reset}, even the immediate
 * retry. Each class counts its own consecutive failures; a successful connection resets everything.
 *
 * <p>Report connections with {@link #onConnected(Instant)}: a connection that ends before
 * {@link BackoffSettings#healthyAfter()} (X accepting it and closing it at once, as with {@code TooManyConnections})
 * is then not a success, so a server that keeps hanging up cannot hold the client in a loop of immediate retries.
 * {@link #onConnected()} counts every connection as a success at once. Not thread-safe: one policy per connection loop.
 */
public final class ReconnectPolicy {
    private final BackoffSettings settings;
    private final Map<FailureClass, Integer> failuresByClass = new EnumMap<>(FailureClass.class);
    private int attemptsSinceSuccess;
    /** When the current connection opened, if reported with a time; the reset waits for its outcome. */
    private Instant connectedAt;

    public ReconnectPolicy(BackoffSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Records a failure and returns the delay before the next attempt.
     *
     * @param rateLimitReset the instant of {@code x-rate-limit-reset}, when the response carried it
     * @param now            the current time
     */
    public Duration nextDelay(FailureClass failure, Optional<Instant> rateLimitReset, Instant now) {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(rateLimitReset, "rateLimitReset");
        Objects.requireNonNull(now, "now");
        if (connectedAt != null) {
            boolean healthy = Duration.between(connectedAt, now).compareTo(settings.healthyAfter()) >= 0;
            connectedAt = null;
            if (healthy) {
                reset();
            }
        }
        Duration delay;
        if (attemptsSinceSuccess == 0) {
            delay = Duration.ZERO;
        } else {
            int n = failuresByClass.merge(failure, 1, Integer::sum);
            delay = backoff(failure, n);
        }
        attemptsSinceSuccess++;
        if (failure == FailureClass.RATE_LIMITED && rateLimitReset.isPresent()) {
            Duration untilReset = Duration.between(now, rateLimitReset.get());
            if (untilReset.compareTo(delay) > 0) {
                delay = untilReset;
            }
        }
        return delay;
    }

    /** The stream is up again: the next failure gets the immediate retry and every class starts over. */
    public void onConnected() {
        connectedAt = null;
        reset();
    }

    /**
     * The stream is up again as of {@code now}. Whether that was a success is decided when it fails: only a connection
     * that lasted at least {@link BackoffSettings#healthyAfter()} resets the back-off.
     */
    public void onConnected(Instant now) {
        connectedAt = Objects.requireNonNull(now, "now");
    }

    private void reset() {
        attemptsSinceSuccess = 0;
        failuresByClass.clear();
    }

    /** Failed attempts recorded since the last successful connection. */
    public int attemptsSinceSuccess() {
        return attemptsSinceSuccess;
    }

    /** The n-th (1-based) back-off of a class, not counting the immediate retry. */
    private Duration backoff(FailureClass failure, int n) {
        return switch (failure) {
            case NETWORK -> min(settings.networkStep().multipliedBy(n), settings.networkMax());
            case HTTP -> exponential(settings.httpInitial(), n, settings.httpMax());
            case RATE_LIMITED -> exponential(settings.rateLimitedInitial(), n, settings.rateLimitedMax());
        };
    }

    private static Duration exponential(Duration initial, int n, Duration max) {
        // 2^(n-1) overflows long nanos quickly; once past the cap the answer is the cap
        int shift = Math.min(n - 1, 40);
        Duration d = initial.multipliedBy(1L << shift);
        return min(d, max);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
