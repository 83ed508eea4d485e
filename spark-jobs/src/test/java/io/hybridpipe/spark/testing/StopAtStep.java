package io.hybridpipe.spark.testing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.hybridpipe.spark.batch.BatchStep;
import io.hybridpipe.spark.batch.CrashPoints;

/**
 * Stop injection: the first time a batch reaches {@code step}, runs {@code stop} on another thread (as
 * a shutdown hook would) and lets the batch go on only once that thread is blocked waiting for it, so
 * the stop provably overlaps the batch in flight.
 */
public final class StopAtStep implements CrashPoints {

    private static final long serialVersionUID = 1L;
    private static final Map<String, AtomicReference<Thread>> STOPPERS = new ConcurrentHashMap<>();
    private static final Map<String, Runnable> ACTIONS = new ConcurrentHashMap<>();

    private final String id;
    private final BatchStep step;

    public StopAtStep(String id, BatchStep step) {
        this.id = id;
        this.step = step;
        STOPPERS.put(id, new AtomicReference<>());
    }

    /** The stop to run; set before the job starts. */
    public void onReach(Runnable stop) {
        ACTIONS.put(id, stop);
    }

    @Override
    public void reached(BatchStep at) {
        if (at != step) {
            return;
        }
        Thread stopper = new Thread(ACTIONS.get(id), "stop-" + id);
        if (!STOPPERS.get(id).compareAndSet(null, stopper)) {
            return;
        }
        stopper.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!waitingForTheBatch(stopper)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stop did not start waiting for the batch in flight");
            }
            sleepBriefly();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stop to begin", e);
        }
    }

    private static boolean waitingForTheBatch(Thread stopper) {
        Thread.State state = stopper.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED;
    }

    public boolean fired() {
        return STOPPERS.get(id).get() != null;
    }

    /** Waits for the stop to return. */
    public void awaitStopped(Duration timeout) throws InterruptedException {
        Thread stopper = STOPPERS.get(id).get();
        if (stopper == null) {
            throw new IllegalStateException("the stop never fired");
        }
        stopper.join(timeout.toMillis());
        if (stopper.isAlive()) {
            throw new IllegalStateException("the stop did not return within " + timeout);
        }
    }
}
