package io.hybridpipe.core.reconnect;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Notices a silent stream: X sends data or a keep-alive at least every 20 s, so no bytes for longer than the
 * timeout means the connection is dead even if the socket is open. The default adds a 10 s margin to the 20 s
 * heartbeat, because a client that waits exactly 20 s races the heartbeat and reconnects needlessly.
 *
 * <p>The clock starts at {@link #onConnected(Instant)} or the first {@link #onBytes(Instant)}; before either,
 * the first {@link #isStalled(Instant)} starts it. Safe for one reader thread and one watchdog thread.
 */
public final class StallDetector {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20 + 10);

    private final Duration timeout;
    private volatile Instant lastActivity;

    public StallDetector(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    /** A connection was (re)established: the silence count starts now. */
    public void onConnected(Instant now) {
        lastActivity = Objects.requireNonNull(now, "now");
    }

    /** Any bytes arrived, tweets and keep-alives alike. */
    public void onBytes(Instant now) {
        lastActivity = Objects.requireNonNull(now, "now");
    }

    /** True when nothing arrived for longer than the timeout. */
    public boolean isStalled(Instant now) {
        Objects.requireNonNull(now, "now");
        Instant last = lastActivity;
        if (last == null) {
            lastActivity = now;
            return false;
        }
        return Duration.between(last, now).compareTo(timeout) > 0;
    }

    public Duration timeout() {
        return timeout;
    }
}
