package io.hybridpipe.embedded.nifi.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

class DeadlockWatchdogTest {

    @Test
    void reportsTwoThreadsThatWaitForEachOthersLock() throws Exception {
        AtomicReference<String> reported = new AtomicReference<>();
        CountDownLatch seen = new CountDownLatch(1);
        try (DeadlockWatchdog watchdog = new DeadlockWatchdog(threads -> {
            reported.set(threads);
            seen.countDown();
        })) {
            ReentrantLock parameters = new ReentrantLock();
            ReentrantLock component = new ReentrantLock();
            CountDownLatch bothHold = new CountDownLatch(2);
            // the shape of NiFi 1.18's: each thread holds one lock and waits for the other's (daemon: they never end)
            startDaemon("main-like", parameters, component, bothHold);
            startDaemon("Component Validation Thread-like", component, parameters, bothHold);

            assertThat(seen.await(10, TimeUnit.SECONDS)).as("deadlock reported").isTrue();
        }
        assertThat(reported.get()).contains("\"main-like\" waits for", "held by \"Component Validation Thread-like\"",
                "\"Component Validation Thread-like\" waits for", "held by \"main-like\"");
    }

    @Test
    void saysNothingWhileThreadsOnlyWait() throws Exception {
        AtomicReference<String> reported = new AtomicReference<>();
        ReentrantLock held = new ReentrantLock();
        held.lock();
        try (DeadlockWatchdog watchdog = new DeadlockWatchdog(reported::set)) {
            Thread waiter = new Thread(held::lock, "waits-for-a-live-owner");
            waiter.setDaemon(true);
            waiter.start();
            Thread.sleep(1_500); // six checks: a thread blocked on a lock whose owner can go on is no deadlock
            assertThat(reported.get()).isNull();
        } finally {
            held.unlock();
        }
    }

    private static void startDaemon(String name, ReentrantLock first, ReentrantLock second, CountDownLatch bothHold) {
        Thread t = new Thread(() -> {
            first.lock();
            bothHold.countDown();
            try {
                bothHold.await();
            } catch (InterruptedException e) {
                return;
            }
            second.lock();
        }, name);
        t.setDaemon(true);
        t.start();
    }
}
