package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.stream.StreamMessage;
import io.hybridpipe.core.stream.TweetMessage;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One scheduled run of the processor: the reader thread, the queue it fills, the batch being
 * assembled and the error messages waiting to be emitted. Lives from @OnScheduled to @OnStopped.
 */
final class StreamRun {
    private static final Duration QUEUE_FULL_WAIT = Duration.ofSeconds(1);

    private final StreamRunSettings settings;
    private final ComponentLog log;
    private final StreamStats stats = new StreamStats();
    private final MessageHandOff handOff;
    private final BatchAssembler assembler;
    private final Deque<StreamMessage> errors = new ArrayDeque<>();
    private final CounterDeltas counters = new CounterDeltas();
    private StreamReader reader;
    private Thread readerThread;
    private volatile boolean stopped;

    StreamRun(StreamRunSettings settings, ComponentLog log) {
        this.settings = settings;
        this.log = log;
        this.handOff = new MessageHandOff(settings.queueCapacity(), QUEUE_FULL_WAIT);
        this.assembler = new BatchAssembler(settings.batchSize(), settings.maxBatchLatency());
    }

    StreamRunSettings settings() {
        return settings;
    }

    StreamStats stats() {
        return stats;
    }

    Long rateLimitRemaining() {
        return stats.rateLimitRemaining();
    }

    /** Starts the reader on the first trigger, and again should its thread ever have died. */
    synchronized void ensureReading(ProcessContext context) {
        if (stopped) {
            stopped = false;
            reader = null;
        }
        if (reader != null && readerThread.isAlive()) {
            return;
        }
        if (reader != null) {
            log.error("The stream reader thread ended unexpectedly; starting a new one");
        }
        reader = new StreamReader(new XApiHttp(settings.http()), settings.reader(), handOff, stats, log);
        readerThread = new Thread(reader, "ConsumeTwitterStream-reader-" + context.getName());
        readerThread.setDaemon(true);
        readerThread.start();
    }

    /** Moves waiting messages into the batch and the error list; waits up to {@code idleMillis} when none is waiting. */
    void pull(long idleMillis) throws InterruptedException {
        List<StreamMessage> pulled = new ArrayList<>();
        int room = Math.max(1, assembler.room());
        if (handOff.drainTo(pulled, room) == 0) {
            long wait = Math.min(idleMillis, assembler.isEmpty() ? idleMillis : assembler.timeUntilDue(Instant.now()).toMillis());
            StreamMessage first = handOff.poll(wait, TimeUnit.MILLISECONDS);
            if (first != null) {
                pulled.add(first);
                handOff.drainTo(pulled, room - 1);
            }
        }
        route(pulled, Instant.now());
    }

    /** Moves everything still queued into the batch and the error list (after the reader stopped). */
    void drainAll() {
        route(handOff.drainAll(), Instant.now());
    }

    private void route(List<StreamMessage> messages, Instant now) {
        for (StreamMessage message : messages) {
            if (message instanceof TweetMessage tweet) {
                assembler.add(tweet, now);
            } else {
                synchronized (errors) {
                    errors.addLast(message);
                }
            }
        }
    }

    List<List<TweetMessage>> takeBatches(Instant now, boolean everything) {
        List<List<TweetMessage>> batches = new ArrayList<>();
        List<TweetMessage> batch;
        while (!(batch = everything ? assembler.takeAnyway() : assembler.takeReady(now)).isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    List<StreamMessage> takeErrors() {
        synchronized (errors) {
            List<StreamMessage> taken = new ArrayList<>(errors);
            errors.clear();
            return taken;
        }
    }

    /** Puts back what a failed session did not commit, in front of newer messages. */
    void restore(List<List<TweetMessage>> batches, List<StreamMessage> failedErrors, Instant now) {
        for (int i = batches.size() - 1; i >= 0; i--) {
            assembler.restore(batches.get(i), now);
        }
        synchronized (errors) {
            for (int i = failedErrors.size() - 1; i >= 0; i--) {
                errors.addFirst(failedErrors.get(i));
            }
        }
    }

    boolean hasPending() {
        return !assembler.isEmpty() || pendingErrors() > 0;
    }

    int pendingTweets() {
        return assembler.size();
    }

    int pendingErrors() {
        synchronized (errors) {
            return errors.size();
        }
    }

    boolean countersChanged() {
        return counters.changed(stats);
    }

    void adjustCounters(ProcessSession session, long tweetsEmitted, long errorsEmitted) {
        counters.adjust(session, stats, tweetsEmitted, errorsEmitted);
    }

    /** Stops the reader and waits for its thread, so that every message it received is in the queue. */
    synchronized void stopReading() {
        stopped = true;
        if (reader == null) {
            return;
        }
        reader.stop();
        try {
            readerThread.join(settings.http().connectTimeout().plusSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (readerThread.isAlive()) {
            log.warn("The stream reader thread has not ended yet; it stops before reading any further message");
        }
    }
}
