package io.hybridpipe.core.reconnect;

import java.time.Duration;
import java.util.Objects;

/**
 * Back-off parameters per {@link FailureClass}.
 *
 * @param networkStep        linear step for {@link FailureClass#NETWORK}
 * @param networkMax         cap for {@link FailureClass#NETWORK}
 * @param httpInitial        first exponential delay for {@link FailureClass#HTTP}
 * @param httpMax            cap for {@link FailureClass#HTTP}
 * @param rateLimitedInitial first exponential delay for {@link FailureClass#RATE_LIMITED}
 * @param rateLimitedMax     cap for {@link FailureClass#RATE_LIMITED}
 * @param healthyAfter       how long a connection must have lasted to count as a success when it is reported with
 *                           {@link ReconnectPolicy#onConnected(java.time.Instant)}; a shorter one (X accepting the
 *                           connection and closing it at once, e.g. TooManyConnections) continues the back-off
 */
public record BackoffSettings(Duration networkStep, Duration networkMax,
                              Duration httpInitial, Duration httpMax,
                              Duration rateLimitedInitial, Duration rateLimitedMax,
                              Duration healthyAfter) {

    public BackoffSettings {
        for (Duration d : new Duration[] {networkStep, networkMax, httpInitial, httpMax, rateLimitedInitial, rateLimitedMax, healthyAfter}) {
            Objects.requireNonNull(d, "durations must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("back-off durations must be positive, was " + d);
            }
        }
    }

    /**
     * X's documented values: network +250 ms up to 16 s; HTTP 5 s doubling up to 320 s; 429 from 60 s doubling.
     * X documents no cap for 429; 15 min (the length of X's rate-limit window) keeps a long outage from pushing
     * the next attempt hours away. A connection is healthy after 30 s, the stall timeout: by then X must have sent
     * data or a keep-alive over it.
     */
    public static BackoffSettings defaults() {
        return new BackoffSettings(Duration.ofMillis(250), Duration.ofSeconds(16),
                Duration.ofSeconds(5), Duration.ofSeconds(320),
                Duration.ofSeconds(60), Duration.ofMinutes(15),
                StallDetector.DEFAULT_TIMEOUT);
    }

    /** Every duration multiplied by {@code factor} (at least 1 ms), e.g. 0.001 for fast tests. */
    public BackoffSettings scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be a positive finite number, was " + factor);
        }
        return new BackoffSettings(scale(networkStep, factor), scale(networkMax, factor),
                scale(httpInitial, factor), scale(httpMax, factor),
                scale(rateLimitedInitial, factor), scale(rateLimitedMax, factor),
                scale(healthyAfter, factor));
    }

    private static Duration scale(Duration d, double factor) {
        long nanos = Math.round(d.toNanos() * factor);
        return Duration.ofNanos(Math.max(nanos, 1_000_000L));
    }
}
