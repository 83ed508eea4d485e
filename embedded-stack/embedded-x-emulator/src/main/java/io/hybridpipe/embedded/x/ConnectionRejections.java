package io.hybridpipe.embedded.x;

import java.util.ArrayDeque;
import java.util.Map;

/** Queued answers for the next stream connection attempts ({@code rejectNextConnections}). */
final class ConnectionRejections {

    /** A status, extra headers and body to answer one attempt with. */
    record Rejection(int status, Map<String, String> headers, String body) {
    }

    private final ArrayDeque<Rejection> pending = new ArrayDeque<>();

    synchronized void add(int count, Rejection rejection) {
        for (int i = 0; i < count; i++) {
            pending.addLast(rejection);
        }
    }

    /** @return the rejection for this attempt, or null to let it through */
    synchronized Rejection next() {
        return pending.pollFirst();
    }

    synchronized int remaining() {
        return pending.size();
    }
}
