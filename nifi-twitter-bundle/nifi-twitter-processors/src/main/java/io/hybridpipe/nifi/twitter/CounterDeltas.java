package io.hybridpipe.nifi.twitter;

import org.apache.nifi.processor.ProcessSession;

/** Turns the reader's running totals into NiFi counter increments (counters can only change through a session). */
final class CounterDeltas {
    private long duplicates;
    private long queueFullWaits;
    private long connections;

    synchronized boolean changed(StreamStats stats) {
        return stats.duplicatesSkipped() != duplicates || stats.queueFullWaits() != queueFullWaits
                || stats.connections() != connections;
    }

    synchronized void adjust(ProcessSession session, StreamStats stats, long tweetsEmitted, long errorsEmitted) {
        add(session, ConsumeTwitterStream.COUNTER_TWEETS, tweetsEmitted);
        add(session, ConsumeTwitterStream.COUNTER_ERRORS, errorsEmitted);
        long d = stats.duplicatesSkipped();
        add(session, ConsumeTwitterStream.COUNTER_DUPLICATES, d - duplicates);
        duplicates = d;
        long q = stats.queueFullWaits();
        add(session, ConsumeTwitterStream.COUNTER_QUEUE_FULL, q - queueFullWaits);
        queueFullWaits = q;
        long c = stats.connections();
        add(session, ConsumeTwitterStream.COUNTER_CONNECTIONS, c - connections);
        connections = c;
    }

    private static void add(ProcessSession session, String name, long delta) {
        if (delta != 0) {
            session.adjustCounter(name, delta, false);
        }
    }
}
