package io.hybridpipe.embedded.nifi.driver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Watches this JVM for deadlocked threads while it runs. NiFi 1.18 Stateless can deadlock while it creates a dataflow
 * with parameter values: {@code main} in {@code StandardStatelessEngine.overrideParameters} holds the parameter
 * context's lock and waits for a component's, which a "Component Validation Thread" holds while it waits for the
 * parameter context's. It hung one engine start in four to seven in a test loop, and local-stack's kafka-to-hive until
 * its 2-minute readiness deadline. Nothing recovers such a JVM, so the watchdog reports it at once.
 */
final class DeadlockWatchdog implements AutoCloseable {

    private static final long CHECK_MILLIS = 250;

    private final Thread thread;
    private volatile boolean watching = true;

    /** @param onDeadlock given which threads are deadlocked (names and what they wait for) */
    DeadlockWatchdog(Consumer<String> onDeadlock) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        thread = new Thread(() -> {
            while (watching) {
                long[] ids = threads.findDeadlockedThreads();
                if (ids != null) {
                    onDeadlock.accept(Arrays.stream(threads.getThreadInfo(ids)).map(DeadlockWatchdog::describe)
                            .collect(Collectors.joining("; ")));
                    return;
                }
                try {
                    Thread.sleep(CHECK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "hybridpipe-deadlock-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private static String describe(ThreadInfo info) {
        return info == null ? "(ended)" : "\"" + info.getThreadName() + "\" waits for " + info.getLockName()
                + " held by \"" + info.getLockOwnerName() + "\"";
    }

    @Override
    public void close() {
        watching = false;
        thread.interrupt();
    }
}
