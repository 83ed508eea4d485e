package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.ingest.IngestHeaders;
import io.hybridpipe.embedded.x.XApiEmulator;
import org.apache.nifi.util.MockFlowFile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ConsumeTwitterStream against the X API emulator over real HTTP: output, batching, stop. */
class ConsumeTwitterStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void emitsEveryTweetAsReceivedWithBatchAttributes() throws Exception {
        try (StreamHarness h = StreamHarness.withRules("cats: cat\ndogs: dog")) {
            h.set(StreamProperties.BATCH_SIZE, "25").set(StreamProperties.MAX_BATCH_LATENCY, "200 ms");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            List<String> sent = h.x.emit(60);
            h.triggerUntil("60 tweets emitted", WAIT, () -> h.emittedIds().size() == 60);

            assertThat(h.emittedIds()).containsExactlyElementsOf(sent);
            MockFlowFile first = h.success().get(0);
            first.assertAttributeEquals("mime.type", "application/x-ndjson");
            first.assertAttributeEquals(BatchAttributes.TWEET_COUNT, "25");
            first.assertAttributeEquals(BatchAttributes.FIRST_ID, sent.get(0));
            first.assertAttributeEquals(BatchAttributes.LAST_ID, sent.get(24));
            first.assertAttributeEquals(BatchAttributes.STREAM, "filtered");
            assertThat(IngestHeaders.decodeRuleTags(first.getAttribute(IngestHeaders.RULE_TAGS)))
                    .isNotEmpty().isSubsetOf("cats", "dogs");
            Instant min = Instant.parse(first.getAttribute(BatchAttributes.CREATED_AT_MIN));
            Instant max = Instant.parse(first.getAttribute(BatchAttributes.CREATED_AT_MAX));
            assertThat(min).isBeforeOrEqualTo(max);
            assertThat(IngestHeaders.decodeIngestedAt(first.getAttribute(IngestHeaders.INGESTED_AT))).isAfterOrEqualTo(max);
            assertThat(h.errors()).isEmpty();
            assertThat(h.runner.getCounterValue(ConsumeTwitterStream.COUNTER_TWEETS)).isEqualTo(60L);
            h.triggerUntil("state published", WAIT, () -> sent.get(59).equals(h.state().get(StreamStats.LAST_TWEET_ID)));
            assertThat(h.state()).containsEntry(StreamStats.LAST_TWEET_ID, sent.get(59))
                    .containsEntry(StreamStats.CONNECTIONS, "1");
        }
    }

    @Test
    void batchesCarryTheRateLimitRemainingThatXSentWithTheStream() throws Exception {
        try (StreamHarness h = new StreamHarness(XApiEmulator.builder().connectionsPer15Minutes(50), 0.001)) {
            h.set(StreamProperties.STREAM_RULES, "cats: cat").set(StreamProperties.MAX_BATCH_LATENCY, "200 ms");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            h.x.emit(5);
            h.triggerUntil("5 tweets emitted", WAIT, () -> h.emittedIds().size() == 5);
            assertThat(h.success()).allSatisfy(f -> f.assertAttributeEquals(BatchAttributes.RATE_LIMIT_REMAINING, "49"));
        }
    }

    @Test
    void batchIsEmittedWhenFullAndTheRestWhenTheLatencyExpires() throws Exception {
        try (StreamHarness h = StreamHarness.withRules("cats: cat")) {
            h.set(StreamProperties.BATCH_SIZE, "10").set(StreamProperties.MAX_BATCH_LATENCY, "1500 ms");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            h.x.emit(35);
            h.awaitTweetsRead(35, WAIT);
            long start = System.nanoTime();
            h.triggerUntil("three full batches", WAIT, () -> h.success().size() == 3);
            assertThat(h.success()).allSatisfy(f -> f.assertAttributeEquals(BatchAttributes.TWEET_COUNT, "10"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("full batches do not wait for the latency")
                    .isLessThan(Duration.ofMillis(1500));

            h.triggerUntil("the latency batch", WAIT, () -> h.success().size() == 4);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a partial batch waits for the latency")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
            h.success().get(3).assertAttributeEquals(BatchAttributes.TWEET_COUNT, "5");
        }
    }

    @Test
    void anIdleStreamStillDeliversASmallBatchAfterTheLatency() throws Exception {
        try (StreamHarness h = StreamHarness.withRules("cats: cat")) {
            h.set(StreamProperties.BATCH_SIZE, "1000").set(StreamProperties.MAX_BATCH_LATENCY, "300 ms");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            List<String> sent = h.x.emit(3);
            h.triggerUntil("one small batch", WAIT, () -> h.success().size() == 1);
            assertThat(h.emittedIds()).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void everythingReceivedBeforeStopIsEmittedOnStop() throws Exception {
        try (StreamHarness h = StreamHarness.withRules("cats: cat")) {
            h.set(StreamProperties.BATCH_SIZE, "100").set(StreamProperties.MAX_BATCH_LATENCY, "1 hour")
                    .set(StreamProperties.QUEUE_CAPACITY, "1000");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            List<String> sent = h.x.emit(250);
            h.awaitTweetsRead(250, WAIT);
            h.trigger();
            int beforeStop = h.emittedIds().size();
            h.stop();

            assertThat(beforeStop).as("with a 1 hour latency, only full batches go before the stop").isLessThan(250);
            assertThat(h.emittedIds()).containsExactlyElementsOf(sent);
            assertThat(h.x.activeConnections()).as("the connection is closed on stop").isZero();
        }
    }

    @Test
    void bytesOutAreTheBytesTheEmulatorSent() throws Exception {
        List<String> lines = List.of(
                "{\"data\":{\"id\":\"9001\",\"text\":\"caf\u00e9 \u65e5\u672c\u8a9e \ud83d\ude00\ud83c\udff3\ufe0f\u200d\ud83c\udf08 e\u0301\",\"created_at\":\"2026-11-28T10:00:00.000Z\"},\"matching_rules\":[{\"id\":\"1\",\"tag\":\"\u00fcml\u00e4ut\"}]}",
                "{\"matching_rules\":[{\"id\":\"1\",\"tag\":\"x\"}],\"data\":{\"text\":\"escaped \\u00e9 \\ud83d\\ude00 stays escaped\",\"id\":\"9002\"},\"includes\":{\"users\":[{\"id\":\"7\",\"name\":\"\u0417\u043e\u044f\"}]},\"unknown_field\":{\"kept\":[1,2.50,true,null]}}",
                "{ \"data\" : { \"id\" : \"9003\" , \"text\" : \"odd   spacing\\tand tabs\" } }");
        try (StreamHarness h = new StreamHarness(XApiEmulator.builder(), 0.001)) {
            h.set(StreamProperties.STREAM_ENDPOINT, "sample").set(StreamProperties.RULE_SYNC_STRATEGY, "leave-as-is")
                    .set(StreamProperties.MAX_BATCH_LATENCY, "200 ms");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            lines.forEach(h.x::emitRaw);
            h.triggerUntil("3 tweets", WAIT, () -> h.emittedIds().size() == 3);

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (String line : lines) {
                expected.write(line.getBytes(StandardCharsets.UTF_8));
                expected.write('\n');
            }
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            for (MockFlowFile f : h.success()) {
                actual.write(f.toByteArray());
            }
            assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
            h.success().get(0).assertAttributeEquals(BatchAttributes.STREAM, "sample");
            assertThat(new HashSet<>(IngestHeaders.decodeRuleTags(h.success().get(0).getAttribute(IngestHeaders.RULE_TAGS))))
                    .contains("\u00fcml\u00e4ut");
        }
    }
}
