package io.hybridpipe.local.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a {@link ChaosSchedule} over an emission window on its own thread. Every action is announced through
 * {@code marker} (the observer's timeline) before and after; a failed action is recorded and ends the schedule,
 * since the pipeline is then in a state nobody planned.
 */
public final class ChaosRunner implements AutoCloseable {

    private final ChaosSchedule schedule;
    private final Duration window;
    private final Consumer<String> marker;
    private final PrintStream out;
    private final List<ChaosEvent> events = new ArrayList<>();
    private final Thread thread;
    private volatile Exception failure;

    public ChaosRunner(ChaosSchedule schedule, Duration window, Consumer<String> marker, PrintStream out) {
        this.schedule = schedule;
        this.window = window;
        this.marker = marker;
        this.out = out;
        this.thread = new Thread(this::runSchedule, "hybridpipe-chaos");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Waits until every action has run. */
    public List<ChaosEvent> awaitDone() throws InterruptedException {
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("A chaos action failed", failure);
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    private void runSchedule() {
        long start = System.nanoTime();
        try {
            for (ChaosSchedule.Entry entry : schedule.entries()) {
                long dueNanos = start + (long) (window.toNanos() * entry.fraction());
                long wait = dueNanos - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                marker.accept("chaos: " + entry.name());
                Instant at = Instant.now();
                long before = System.nanoTime();
                String outcome = entry.action().perform();
                ChaosEvent event = new ChaosEvent(entry.name(), at, Duration.ofNanos(System.nanoTime() - before), outcome);
                synchronized (events) {
                    events.add(event);
                }
                marker.accept("chaos done: " + outcome);
                out.println(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
            marker.accept("chaos action failed: " + e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(60_000);
    }
}
