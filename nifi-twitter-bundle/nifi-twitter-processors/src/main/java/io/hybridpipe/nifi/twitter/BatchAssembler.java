package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.stream.TweetMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Collects tweets into batches: a batch is ready when it holds {@code batchSize} tweets or when its
 * oldest tweet has waited {@code maxLatency}, whichever comes first, so an idle stream still
 * delivers what it has.
 */
final class BatchAssembler {
    private final int batchSize;
    private final Duration maxLatency;
    private final Deque<TweetMessage> pending = new ArrayDeque<>();
    private Instant oldestArrival;

    BatchAssembler(int batchSize, Duration maxLatency) {
        this.batchSize = batchSize;
        this.maxLatency = maxLatency;
    }

    synchronized void add(TweetMessage tweet, Instant now) {
        if (pending.isEmpty()) {
            oldestArrival = now;
        }
        pending.addLast(tweet);
    }

    /** Room left before the current batch is full (never negative). */
    synchronized int room() {
        return Math.max(0, batchSize - pending.size());
    }

    synchronized boolean isEmpty() {
        return pending.isEmpty();
    }

    synchronized int size() {
        return pending.size();
    }

    /** How long onTrigger may wait for more tweets before the pending batch is due. */
    synchronized Duration timeUntilDue(Instant now) {
        if (pending.isEmpty()) {
            return maxLatency;
        }
        Duration left = maxLatency.minus(Duration.between(oldestArrival, now));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The next ready batch, or an empty list when none is ready yet. */
    synchronized List<TweetMessage> takeReady(Instant now) {
        boolean full = pending.size() >= batchSize;
        boolean due = !pending.isEmpty() && !Duration.between(oldestArrival, now).minus(maxLatency).isNegative();
        return full || due ? take() : List.of();
    }

    /** The next batch whatever its age (used when the processor stops). */
    synchronized List<TweetMessage> takeAnyway() {
        return pending.isEmpty() ? List.of() : take();
    }

    /** Puts a batch whose FlowFile could not be committed back in front, in its original order. */
    synchronized void restore(List<TweetMessage> batch, Instant now) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            pending.addFirst(batch.get(i));
        }
        if (!batch.isEmpty() && oldestArrival == null) {
            oldestArrival = now;
        }
    }

    private List<TweetMessage> take() {
        int n = Math.min(batchSize, pending.size());
        List<TweetMessage> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(pending.pollFirst());
        }
        // arrival times are not kept per tweet: the rest keeps the older clock, so it is emitted early, never late
        if (pending.isEmpty()) {
            oldestArrival = null;
        }
        return batch;
    }
}
