package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.stream.StreamMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The bounded queue between the reader thread and onTrigger. It never drops: when full, the reader
 * waits (and reports each wait through {@link FullListener}); a message the reader still holds when
 * it is told to stop goes to an unbounded overflow list that is drained after the queue.
 */
final class MessageHandOff {

    /** Told each time the queue stayed full for one wait period. */
    interface FullListener {
        void queueStayedFull(int capacity, Duration waited);
    }

    private final BlockingQueue<StreamMessage> queue;
    private final ConcurrentLinkedQueue<StreamMessage> overflow = new ConcurrentLinkedQueue<>();
    private final int capacity;
    private final Duration fullWait;

    MessageHandOff(int capacity, Duration fullWait) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.fullWait = fullWait;
    }

    /**
     * Blocks while the queue is full. Returns normally once the message is handed off, either to the
     * queue or, when {@code stopping} turns true, to the overflow list.
     */
    void put(StreamMessage message, BooleanSupplier stopping, FullListener listener) throws InterruptedException {
        if (queue.offer(message)) {
            return;
        }
        while (!queue.offer(message, fullWait.toMillis(), TimeUnit.MILLISECONDS)) {
            if (stopping.getAsBoolean()) {
                overflow.add(message);
                return;
            }
            listener.queueStayedFull(capacity, fullWait);
        }
    }

    StreamMessage poll(long timeout, TimeUnit unit) throws InterruptedException {
        StreamMessage m = queue.poll(timeout, unit);
        return m != null ? m : overflow.poll();
    }

    /** Moves up to {@code max} waiting messages into {@code sink}, queue first, then overflow. */
    int drainTo(Collection<StreamMessage> sink, int max) {
        int n = queue.drainTo(sink, max);
        while (n < max) {
            StreamMessage m = overflow.poll();
            if (m == null) {
                break;
            }
            sink.add(m);
            n++;
        }
        return n;
    }

    List<StreamMessage> drainAll() {
        List<StreamMessage> all = new ArrayList<>();
        drainTo(all, Integer.MAX_VALUE);
        return all;
    }

    int size() {
        return queue.size() + overflow.size();
    }

    int capacity() {
        return capacity;
    }
}
