package io.hybridpipe.nifi.twitter;

import io.hybridpipe.embedded.x.XApiEmulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A downstream slower than the stream: the queue fills, the reader waits and says so, nothing is dropped. */
class QueueFullTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aFullQueueRaisesABulletinAndACounterAndLosesNothing() throws Exception {
        try (StreamHarness h = new StreamHarness(XApiEmulator.builder(), 0.001)) {
            h.set(StreamProperties.STREAM_RULES, "cats: cat").set(StreamProperties.QUEUE_CAPACITY, "10")
                    .set(StreamProperties.BATCH_SIZE, "5").set(StreamProperties.MAX_BATCH_LATENCY, "100 ms");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            List<String> sent = h.x.emit(200);
            // no onTrigger for a while, as when NiFi holds a processor whose outbound connection is full
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (h.processor.stats().queueFullWaits() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(h.processor.stats().queueFullWaits()).isGreaterThanOrEqualTo(2);
            assertThat(h.processor.stats().tweetsRead()).as("the reader waits instead of reading on").isLessThan(200);

            h.triggerUntil("all 200 tweets", WAIT, () -> h.emittedIds().size() == 200);
            assertThat(h.emittedIds()).containsExactlyElementsOf(sent);
            assertThat(StreamHarness.messages(h.runner.getLogger().getWarnMessages()))
                    .anyMatch(m -> m.contains("internal queue (10 messages) stayed full") && m.contains("Nothing is dropped"));
            assertThat(h.runner.getCounterValue(ConsumeTwitterStream.COUNTER_QUEUE_FULL)).isGreaterThanOrEqualTo(2L);
        }
    }

    @Test
    void stoppingWhileTheReaderWaitsOnAFullQueueEmitsEverythingItReceived() throws Exception {
        try (StreamHarness h = new StreamHarness(XApiEmulator.builder(), 0.001)) {
            h.set(StreamProperties.STREAM_RULES, "cats: cat").set(StreamProperties.QUEUE_CAPACITY, "10")
                    .set(StreamProperties.BATCH_SIZE, "1000").set(StreamProperties.MAX_BATCH_LATENCY, "1 hour");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            List<String> sent = h.x.emit(100);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (h.processor.stats().queueFullWaits() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long read = h.processor.stats().tweetsRead();
            assertThat(read).as("the reader holds one message beyond the full queue").isEqualTo(11);
            h.stop();
            assertThat(h.emittedIds()).containsExactlyElementsOf(sent.subList(0, (int) read));
        }
    }
}
