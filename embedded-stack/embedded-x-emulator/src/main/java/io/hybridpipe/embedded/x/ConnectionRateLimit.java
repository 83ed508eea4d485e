package io.hybridpipe.embedded.x;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * X's limit on stream connection attempts (50 per 15 minutes on the filtered stream), as a sliding window per
 * endpoint. Every attempt counts, successful or not. Disabled (no headers, no 429) when the limit is 0.
 */
final class ConnectionRateLimit {

    static final Duration WINDOW = Duration.ofMinutes(15);

    /** Whether the attempt may proceed, and the {@code x-rate-limit-*} headers to send either way. */
    record Verdict(boolean allowed, Map<String, String> headers) {
    }

    private final int limit;
    private final Map<String, ArrayDeque<Long>> attemptsByPath = new LinkedHashMap<>();

    ConnectionRateLimit(int limit) {
        this.limit = limit;
    }

    synchronized Verdict attempt(String path, long nowMillis) {
        if (limit <= 0) {
            return new Verdict(true, Map.of());
        }
        ArrayDeque<Long> attempts = attemptsByPath.computeIfAbsent(path, p -> new ArrayDeque<>());
        while (!attempts.isEmpty() && attempts.peekFirst() <= nowMillis - WINDOW.toMillis()) {
            attempts.removeFirst();
        }
        boolean allowed = attempts.size() < limit;
        if (allowed) {
            attempts.addLast(nowMillis);
        }
        long resetMillis = attempts.peekFirst() + WINDOW.toMillis();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-rate-limit-limit", Integer.toString(limit));
        headers.put("x-rate-limit-remaining", Integer.toString(limit - attempts.size()));
        headers.put("x-rate-limit-reset", Long.toString((resetMillis + 999) / 1000));
        return new Verdict(allowed, headers);
    }
}
