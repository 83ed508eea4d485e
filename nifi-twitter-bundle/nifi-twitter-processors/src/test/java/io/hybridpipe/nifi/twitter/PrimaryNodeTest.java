package io.hybridpipe.nifi.twitter;

import org.apache.nifi.annotation.notification.PrimaryNodeState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** X allows one stream connection per app: only the node that triggers the processor (the primary) holds it. */
class PrimaryNodeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void schedulingAloneOpensNoConnection() throws Exception {
        try (StreamHarness h = StreamHarness.withRules("cats: cat")) {
            // what a non-primary node of a cluster does: @OnScheduled, but never onTrigger
            h.processor.onScheduled(h.runner.getProcessContext());
            Thread.sleep(500);
            assertThat(h.x.connectionAttempts()).isEmpty();
            h.processor.onUnscheduled();
            h.processor.onStopped(h.runner.getProcessContext());
        }
    }

    @Test
    void losingThePrimaryRoleClosesTheConnectionAndEmitsWhatWasReceived() throws Exception {
        try (StreamHarness h = StreamHarness.withRules("cats: cat")) {
            h.set(StreamProperties.MAX_BATCH_LATENCY, "1 hour");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            List<String> sent = h.x.emit(5);
            h.awaitTweetsRead(5, WAIT);

            h.processor.onPrimaryNodeStateChange(PrimaryNodeState.PRIMARY_NODE_REVOKED);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (h.x.activeConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(h.x.activeConnections()).as("the emulator saw the connection close").isZero();
            assertThat(h.emittedIds()).as("emitted at once: this node is not triggered any more").containsExactlyElementsOf(sent);

            h.triggerUntil("reconnected as primary again", WAIT, () -> h.x.activeConnections() == 1);
            List<String> later = h.x.emit(3);
            h.awaitTweetsRead(8, WAIT);
            h.stop();
            assertThat(h.emittedIds()).containsExactlyElementsOf(
                    java.util.stream.Stream.concat(sent.stream(), later.stream()).toList());
        }
    }
}
