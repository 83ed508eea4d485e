package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.reconnect.FailureClass;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the reader thread has seen, shared with onTrigger: published as the processor's LOCAL state
 * for operators, and turned into NiFi counters (deltas since the last publication).
 */
final class StreamStats {
    static final String LAST_TWEET_ID = "last.tweet.id";
    static final String LAST_CONNECTED_AT = "last.connected.at";
    static final String CONNECTIONS = "connections";
    static final String LAST_FAILURE = "last.failure";
    static final String LAST_FAILURE_AT = "last.failure.at";
    static final String LAST_FAILURE_CLASS = "last.failure.class";
    static final String LAST_RETRY_DELAY_MS = "last.retry.delay.ms";
    static final String FAILURES_PREFIX = "failures.";
    static final String RATE_LIMIT_REMAINING = "rate.limit.remaining";
    static final String DUPLICATES_SKIPPED = "duplicates.skipped";
    static final String QUEUE_FULL_WAITS = "queue.full.waits";
    static final String RULE_SYNC = "rule.sync";

    private final AtomicLong connections = new AtomicLong();
    private final Map<FailureClass, AtomicLong> failures = new EnumMap<>(FailureClass.class);
    private final AtomicLong duplicatesSkipped = new AtomicLong();
    private final AtomicLong queueFullWaits = new AtomicLong();
    private final AtomicLong tweetsRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private volatile String lastTweetId;
    private volatile Instant lastConnectedAt;
    private volatile String lastFailure;
    private volatile Instant lastFailureAt;
    private volatile FailureClass lastFailureClass;
    private volatile Duration lastRetryDelay;
    private volatile Long rateLimitRemaining;
    private volatile String ruleSync;

    StreamStats() {
        for (FailureClass c : FailureClass.values()) {
            failures.put(c, new AtomicLong());
        }
    }

    void connected(Instant at, Long remaining) {
        connections.incrementAndGet();
        lastConnectedAt = at;
        rateLimitRemaining = remaining;
    }

    void failed(FailureClass failureClass, String message, Duration retryDelay, Instant at) {
        failures.get(failureClass).incrementAndGet();
        lastFailureClass = failureClass;
        lastFailure = message;
        lastFailureAt = at;
        lastRetryDelay = retryDelay;
    }

    void tweetRead(String id, int bytes) {
        tweetsRead.incrementAndGet();
        bytesRead.addAndGet(bytes);
        lastTweetId = id;
    }

    void lineRead(int bytes) {
        bytesRead.addAndGet(bytes);
    }

    void duplicateSkipped() {
        duplicatesSkipped.incrementAndGet();
    }

    void queueFullWait() {
        queueFullWaits.incrementAndGet();
    }

    void rulesSynchronized(String summary) {
        ruleSync = summary;
    }

    long connections() {
        return connections.get();
    }

    long failures(FailureClass failureClass) {
        return failures.get(failureClass).get();
    }

    long tweetsRead() {
        return tweetsRead.get();
    }

    long duplicatesSkipped() {
        return duplicatesSkipped.get();
    }

    long queueFullWaits() {
        return queueFullWaits.get();
    }

    Long rateLimitRemaining() {
        return rateLimitRemaining;
    }

    /** The processor's LOCAL state: only strings, only what an operator needs to see. */
    Map<String, String> asState() {
        Map<String, String> state = new LinkedHashMap<>();
        put(state, LAST_TWEET_ID, lastTweetId);
        put(state, LAST_CONNECTED_AT, lastConnectedAt);
        state.put(CONNECTIONS, Long.toString(connections.get()));
        failures.forEach((c, n) -> state.put(FAILURES_PREFIX + c.name().toLowerCase(java.util.Locale.ROOT), Long.toString(n.get())));
        put(state, LAST_FAILURE_CLASS, lastFailureClass);
        put(state, LAST_FAILURE, lastFailure);
        put(state, LAST_FAILURE_AT, lastFailureAt);
        put(state, LAST_RETRY_DELAY_MS, lastRetryDelay == null ? null : lastRetryDelay.toMillis());
        put(state, RATE_LIMIT_REMAINING, rateLimitRemaining);
        state.put(DUPLICATES_SKIPPED, Long.toString(duplicatesSkipped.get()));
        state.put(QUEUE_FULL_WAITS, Long.toString(queueFullWaits.get()));
        put(state, RULE_SYNC, ruleSync);
        return state;
    }

    private static void put(Map<String, String> state, String key, Object value) {
        if (value != null) {
            String text = value.toString();
            state.put(key, text.length() <= 1000 ? text : text.substring(0, 1000));
        }
    }
}
