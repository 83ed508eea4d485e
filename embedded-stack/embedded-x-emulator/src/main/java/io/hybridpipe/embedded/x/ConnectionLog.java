package io.hybridpipe.embedded.x;

import java.util.ArrayList;
import java.util.List;

/** Every request the emulator answered, in arrival order. */
final class ConnectionLog {

    private final List<ConnectionAttempt> attempts = new ArrayList<>();

    synchronized void record(ConnectionAttempt attempt) {
        attempts.add(attempt);
    }

    synchronized List<ConnectionAttempt> attempts() {
        return List.copyOf(attempts);
    }
}
