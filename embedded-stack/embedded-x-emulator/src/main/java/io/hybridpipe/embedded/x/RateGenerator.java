package io.hybridpipe.embedded.x;

import java.util.concurrent.TimeUnit;

/** Generates posts at a steady rate on its own thread until stopped or {@code maxTweets} is reached. */
final class RateGenerator implements AutoCloseable {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final int MAX_BATCH = 20_000;

    private final StreamHub hub;
    private final double perSecond;
    private final long maxTweets;
    private final Thread thread;
    private volatile boolean running = true;

    RateGenerator(StreamHub hub, double perSecond, long maxTweets) {
        this.hub = hub;
        this.perSecond = perSecond;
        this.maxTweets = maxTweets;
        this.thread = new Thread(this::run, "x-emulator-generator");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long startNanos = System.nanoTime();
        long produced = 0;
        while (running && produced < maxTweets) {
            long elapsed = System.nanoTime() - startNanos;
            long due = Math.min(maxTweets, (long) (perSecond * elapsed / 1e9)) - produced;
            if (due > 0) {
                int batch = (int) Math.min(due, MAX_BATCH);
                hub.generateAndPublish(batch);
                produced += batch;
            } else {
                try {
                    TimeUnit.NANOSECONDS.sleep(TICK_NANOS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
