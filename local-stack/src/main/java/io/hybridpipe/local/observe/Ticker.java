package io.hybridpipe.local.observe;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task periodically on one daemon thread (a run that is late is not caught up, the next one just waits). */
final class Ticker {

    private final ScheduledExecutorService executor;

    private Ticker(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static Ticker start(String threadName, Duration period, Runnable task) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(task, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return new Ticker(executor);
    }

    /** Interrupts the task if it is running and waits for it to end. */
    void stop(Duration wait) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the task did not stop within " + wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
