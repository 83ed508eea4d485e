package io.hybridpipe.embedded.x;

import java.time.Instant;

/**
 * One HTTP request the emulator received, in arrival order: when, which path (without the query string)
 * and the status it answered. Tests use the list to check a client's reconnect and backoff behaviour.
 */
public record ConnectionAttempt(Instant at, String path, int status) {
}
