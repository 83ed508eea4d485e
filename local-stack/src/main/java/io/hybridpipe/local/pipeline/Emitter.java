package io.hybridpipe.local.pipeline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.hybridpipe.embedded.x.XApiEmulator;

/**
 * Makes the X emulator emit tweets at a steady rate on its own thread: a fixed number (demo) or until stopped (up).
 * It starts only once the twitter flow holds a stream connection, so no tweet is written to nobody.
 */
public final class Emitter implements AutoCloseable {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final XApiEmulator x;
    private final AtomicLong emitted = new AtomicLong();
    private Thread thread;
    private volatile boolean running;

    Emitter(XApiEmulator x) {
        this.x = x;
    }

    /** Emits {@code total} tweets at {@code perSecond} in the background. */
    public synchronized void start(long total, double perSecond) {
        if (thread != null) {
            throw new IllegalStateException("the emitter is already running");
        }
        if (perSecond <= 0 || total < 0) {
            throw new IllegalArgumentException("rate must be > 0 and total >= 0, were " + perSecond + " and " + total);
        }
        running = true;
        thread = new Thread(() -> pace(total, perSecond), "hybridpipe-emitter");
        thread.setDaemon(true);
        thread.start();
    }

    /** Emits at {@code perSecond} until {@link #close()}. */
    public void startContinuous(double perSecond) {
        start(Long.MAX_VALUE, perSecond);
    }

    /** Waits until the fixed number of tweets has been emitted. */
    public void awaitDone() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join();
        }
    }

    /**
     * Waits until the emulator has written every emitted tweet to its sockets (it writes on the connections' own
     * threads, after {@code emit} returns), or until nothing more has been written for {@code quiet}: a cut
     * connection loses what was queued on it, as X does.
     */
    public void awaitWritten(Duration quiet) throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        while (x.sentTweetCount() + x.possiblySentTweetCount() < emitted.get()) {
            long now = x.sentTweetCount() + x.possiblySentTweetCount();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > quiet.toNanos()) {
                return;
            }
            Thread.sleep(50);
        }
    }

    public long emitted() {
        return emitted.get();
    }

    private void pace(long total, double perSecond) {
        long start = System.nanoTime();
        while (running && emitted.get() < total) {
            long due = Math.min(total, (long) (perSecond * (System.nanoTime() - start) / 1e9)) - emitted.get();
            if (due > 0) {
                x.emit((int) Math.min(due, 10_000));
                emitted.addAndGet(Math.min(due, 10_000));
            } else {
                try {
                    TimeUnit.NANOSECONDS.sleep(TICK_NANOS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            t.join(5_000);
        }
    }
}
