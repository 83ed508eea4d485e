package io.hybridpipe.nifi.twitter;

import io.hybridpipe.embedded.x.XApiEmulator;
import org.apache.nifi.util.MockFlowFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What is not a tweet goes to 'errors', verbatim, with its type; the stream goes on. */
class ErrorRoutingTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static StreamHarness harness() {
        StreamHarness h = new StreamHarness(XApiEmulator.builder(), 0.001);
        h.set(StreamProperties.STREAM_ENDPOINT, "sample").set(StreamProperties.RULE_SYNC_STRATEGY, "leave-as-is")
                .set(StreamProperties.MAX_BATCH_LATENCY, "100 ms");
        return h;
    }

    @Test
    void malformedAndUnknownLinesGoToErrorsVerbatimAndTweetsAroundThemStillFlow() throws Exception {
        String unknown = "{\"event\":\"a message kind of the future\",\"payload\":{\"x\":1}}";
        try (StreamHarness h = harness()) {
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            List<String> before = h.x.emit(3);
            h.x.faults().sendMalformedLine();
            h.x.emitRaw(unknown);
            List<String> after = h.x.emit(3);
            h.triggerUntil("2 errors and 6 tweets", WAIT, () -> h.errors().size() == 2 && h.emittedIds().size() == 6);

            assertThat(h.emittedIds()).containsExactlyElementsOf(concat(before, after));
            MockFlowFile malformed = h.errors().get(0);
            malformed.assertAttributeEquals(ErrorAttributes.MESSAGE_TYPE, "malformed");
            assertThat(malformed.getAttribute(ErrorAttributes.REASON)).isNotBlank();
            assertThat(malformed.getContent()).startsWith("{\"data\":{\"id\":\"").endsWith("this line is cut off");
            MockFlowFile unknownFlowFile = h.errors().get(1);
            unknownFlowFile.assertAttributeEquals(ErrorAttributes.MESSAGE_TYPE, "unknown");
            unknownFlowFile.assertContentEquals(unknown.getBytes(StandardCharsets.UTF_8));
            assertThat(h.runner.getCounterValue(ConsumeTwitterStream.COUNTER_ERRORS)).isEqualTo(2L);
        }
    }

    @Test
    void aTwoMegabyteLineIsOversizedAndKeepsItsFirstMaxMessageSizeBytes() {
        try (StreamHarness h = harness()) {
            h.set(StreamProperties.MAX_MESSAGE_SIZE, "1 MB");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            String id = h.x.faults().sendLargeLine(2 * 1024 * 1024);
            List<String> after = h.x.emit(2);
            h.triggerUntil("1 error and 2 tweets", WAIT, () -> h.errors().size() == 1 && h.emittedIds().size() == 2);

            MockFlowFile oversized = h.errors().get(0);
            oversized.assertAttributeEquals(ErrorAttributes.MESSAGE_TYPE, "oversized");
            assertThat(oversized.getAttribute(ErrorAttributes.REASON)).contains("1048576");
            byte[] content = oversized.toByteArray();
            assertThat(content).hasSize(1024 * 1024);
            byte[] head = ("{\"data\":{\"id\":\"" + id + "\",\"text\":\"").getBytes(StandardCharsets.UTF_8);
            assertThat(Arrays.copyOf(content, head.length)).isEqualTo(head);
            assertThat(content[content.length - 1]).isEqualTo((byte) 'a');
            assertThat(h.emittedIds()).containsExactlyElementsOf(after);
        }
    }

    @Test
    void aTwoMegabyteTweetUnderALargerLimitIsATweet() {
        try (StreamHarness h = harness()) {
            h.set(StreamProperties.MAX_MESSAGE_SIZE, "4 MB");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            String id = h.x.faults().sendLargeLine(2 * 1024 * 1024);
            h.triggerUntil("the large tweet", WAIT, () -> h.emittedIds().contains(id));
            assertThat(h.success().get(0).getSize()).isEqualTo(2 * 1024 * 1024 + 1);
            assertThat(h.errors()).isEmpty();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
