package io.hybridpipe.spark.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.hybridpipe.spark.batch.BatchStep;
import io.hybridpipe.spark.batch.CrashPoints;

/**
 * Crash injection: throws the first time the batch reaches {@code step}, anywhere in this JVM (local-mode
 * executors included, which see deserialised copies: the armed flag is looked up by id).
 */
public final class CrashOnce implements CrashPoints {

    private static final long serialVersionUID = 1L;
    private static final Map<String, AtomicBoolean> ARMED = new ConcurrentHashMap<>();

    private final String id;
    private final BatchStep step;

    public CrashOnce(String id, BatchStep step) {
        this.id = id;
        this.step = step;
        ARMED.put(id, new AtomicBoolean(true));
    }

    public boolean fired() {
        return !ARMED.get(id).get();
    }

    @Override
    public void reached(BatchStep at) {
        if (at == step && ARMED.get(id).compareAndSet(true, false)) {
            throw new InjectedCrash("injected crash at " + at);
        }
    }

    /** The failure the tests inject, so they can tell it from a real one. */
    public static final class InjectedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedCrash(String message) {
            super(message);
        }
    }
}
