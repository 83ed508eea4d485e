package io.hybridpipe.local.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Times each engine's start and prints one line per engine as it comes up ({@code [  4.2 s] Kafka onprem ...}),
 * so a user waiting for the stack sees where it is; {@link #total()} is the startup figure the demo reports.
 */
public final class StartupLog {

    /** One engine's start: what it was, how long it took, and where it can be reached. */
    public record EngineStart(String engine, Duration took, String detail) {
    }

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final List<EngineStart> starts = new ArrayList<>();

    public StartupLog(PrintStream out) {
        this.out = out;
    }

    /** Starts one engine, printing a line before (what) and after (how long, where). */
    public <T> T start(String engine, Supplier<T> starter, java.util.function.Function<T, String> detail) {
        out.printf("[%6.1f s] starting %s ...%n", secondsSinceStart(), engine);
        out.flush();
        long before = System.nanoTime();
        T started = starter.get();
        Duration took = Duration.ofNanos(System.nanoTime() - before);
        String where = detail.apply(started);
        synchronized (starts) {
            starts.add(new EngineStart(engine, took, where));
        }
        out.printf("[%6.1f s] %s up in %.1f s: %s%n", secondsSinceStart(), engine, took.toMillis() / 1000.0, where);
        out.flush();
        return started;
    }

    public List<EngineStart> starts() {
        synchronized (starts) {
            return List.copyOf(starts);
        }
    }

    /** Time since this log was made. */
    public Duration total() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private double secondsSinceStart() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
