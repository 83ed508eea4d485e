package io.hybridpipe.local.chaos;

import java.time.Duration;
import java.time.Instant;

/** One chaos action as it happened: what, when, how long it took, and what it did (e.g. old and new pid). */
public record ChaosEvent(String action, Instant at, Duration took, String outcome) {

    @Override
    public String toString() {
        return String.format("chaos: %s -> %s (%.1f s)", action, outcome, took.toMillis() / 1000.0);
    }
}
