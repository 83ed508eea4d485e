package io.hybridpipe.local.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

import io.hybridpipe.embedded.nifi.RunningStatelessFlow;

/**
 * Whether a NiFi Stateless engine got its dataflow ready. NiFi Stateless 1.18.0 can deadlock while it creates the
 * dataflow (its component-validation thread and the parameter override take two locks in opposite orders; seen on
 * a loaded 2-core machine), and then hangs forever: such an engine is killed and started again.
 */
final class EngineReadiness {

    /** What the driver logs once the dataflow is valid and about to be triggered. */
    private static final String READY = "ready in ";

    private EngineReadiness() {
    }

    /** True once the engine reported its dataflow ready; false if it did not within {@code timeout} or it ended. */
    static boolean awaitReady(RunningStatelessFlow flow, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(flow.logFile())
                    && Files.readString(flow.logFile(), StandardCharsets.UTF_8).contains(READY)) {
                return true;
            }
            if (!flow.isAlive()) {
                return false;
            }
            Thread.sleep(250);
        }
        return false;
    }
}
