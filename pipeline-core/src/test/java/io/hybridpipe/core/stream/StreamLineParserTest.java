package io.hybridpipe.core.stream;

import io.hybridpipe.core.testing.GeneratedTweet;
import io.hybridpipe.core.testing.TweetGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamLineParserTest {
    private final StreamLineParser parser = new StreamLineParser();

    private StreamMessage parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(b, 0, b.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\r", "\r\n", "  ", " \t \r"})
    void blankLinesAreKeepAlives(String line) {
        assertThat(parse(line)).isInstanceOf(KeepAlive.class);
    }

    @Test
    void tweetMessageCarriesIdCreatedAtRuleTagsAndTheExactBytes() {
        String line = "{\"data\":{\"id\":\"1\",\"text\":\"héllo 😀\",\"created_at\":\"2026-11-28T12:00:00.000Z\"},"
                + "\"includes\":{\"users\":[{\"id\":\"2\",\"username\":\"u\"}]},"
                + "\"matching_rules\":[{\"id\":\"123\",\"tag\":\"nifi\"},{\"id\":\"124\"},{\"id\":\"125\",\"tag\":\"kafka\"}]}";
        TweetMessage t = (TweetMessage) parse(line);
        assertThat(t.id()).isEqualTo("1");
        assertThat(t.createdAt()).isEqualTo("2026-11-28T12:00:00.000Z");
        assertThat(t.ruleTags()).containsExactly("nifi", "kafka");
        assertThat(t.raw()).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fieldsInAnyOrderAndNestedIdsDoNotConfuseTheParser() {
        String line = "{\"matching_rules\":[{\"tag\":\"t\",\"id\":\"9\"}],\"includes\":{\"tweets\":[{\"id\":\"777\",\"created_at\":\"x\"}]},"
                + "\"data\":{\"entities\":{\"mentions\":[{\"id\":\"555\"}]},\"created_at\":\"2026-01-01T00:00:00.000Z\",\"text\":\"x\",\"id\":\"42\"}}";
        TweetMessage t = (TweetMessage) parse(line);
        assertThat(t.id()).isEqualTo("42");
        assertThat(t.createdAt()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(t.ruleTags()).containsExactly("t");
    }

    @Test
    void tweetWithoutCreatedAtOrRulesIsStillATweet() {
        TweetMessage t = (TweetMessage) parse("{\"data\":{\"id\":\"5\",\"text\":\"sample stream\"}}");
        assertThat(t.createdAt()).isNull();
        assertThat(t.ruleTags()).isEmpty();
    }

    @Test
    void tweetWithPartialErrorsIsATweet() {
        StreamMessage m = parse("{\"data\":{\"id\":\"7\",\"text\":\"x\"},\"errors\":[{\"title\":\"Not Found Error\","
                + "\"type\":\"https://api.x.com/2/problems/resource-not-found\"}]}");
        assertThat(m).isInstanceOf(TweetMessage.class);
    }

    @Test
    void operationalDisconnectIsADisconnectingError() {
        StreamError e = (StreamError) parse("{\"errors\":[{\"title\":\"operational-disconnect\",\"disconnect_type\":"
                + "\"UpstreamOperationalDisconnect\",\"detail\":\"This stream has been disconnected upstream for operational reasons.\","
                + "\"type\":\"https://api.x.com/2/problems/operational-disconnect\"}]}");
        assertThat(e.type()).isEqualTo("operational-disconnect");
        assertThat(e.title()).isEqualTo("operational-disconnect");
        assertThat(e.detail()).startsWith("This stream has been disconnected");
        assertThat(e.disconnect()).isTrue();
    }

    @Test
    void tooManyConnectionsAtTopLevelIsADisconnectingError() {
        StreamError e = (StreamError) parse("{\"title\":\"ConnectionException\",\"detail\":\"This stream is currently at the "
                + "maximum allowed connection limit.\",\"connection_issue\":\"TooManyConnections\","
                + "\"type\":\"https://api.x.com/2/problems/streaming-connection\"}");
        assertThat(e.type()).isEqualTo("TooManyConnections");
        assertThat(e.title()).isEqualTo("ConnectionException");
        assertThat(e.disconnect()).isTrue();
    }

    @Test
    void rateLimitBodyIsAnErrorNamedByItsCode() {
        StreamError e = (StreamError) parse("{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}");
        assertThat(e.type()).isEqualTo("code-88");
        assertThat(e.title()).isEqualTo("Rate limit exceeded");
        assertThat(e.disconnect()).isFalse();
    }

    @Test
    void errorWithOnlyAProblemTypeIsNamedByTheUrisLastSegment() {
        StreamError e = (StreamError) parse("{\"errors\":[{\"detail\":\"d\",\"type\":\"https://api.x.com/2/problems/operational-disconnect\"}]}");
        assertThat(e.type()).isEqualTo("operational-disconnect");
        assertThat(e.disconnect()).isTrue();
    }

    @Test
    void nonDisconnectingErrorIsReportedAsSuch() {
        StreamError e = (StreamError) parse("{\"errors\":[{\"title\":\"Not Found Error\",\"detail\":\"Could not find user\","
                + "\"type\":\"https://api.x.com/2/problems/resource-not-found\"}]}");
        assertThat(e.type()).isEqualTo("Not Found Error");
        assertThat(e.disconnect()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"new_message_type\":{\"a\":[1,2,{\"b\":null}]}}", "[1,2,3]", "42", "\"text\"", "null",
            "{\"type\":\"not-a-problem\"}"})
    void wellFormedJsonOfUnknownShapeIsKeptAsUnknown(String line) {
        StreamMessage m = parse(line);
        assertThat(m).isInstanceOf(UnknownMessage.class);
        assertThat(((UnknownMessage) m).raw()).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"data\":{\"id\":\"1\"", "{\"data\":}", "not json", "{\"data\":{\"id\":\"1\"}} {}", "{\"a\":1}x",
            "{\"data\":{\"id\":\"1\",\"text\":\"unterminated}}", "\u0000"})
    void malformedLinesAreReportedWithAReason(String line) {
        StreamMessage m = parse(line);
        assertThat(m).isInstanceOf(MalformedLine.class);
        MalformedLine bad = (MalformedLine) m;
        assertThat(bad.reason()).isNotBlank();
        assertThat(bad.raw()).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void malformedReasonNamesTheByteOffset() {
        MalformedLine bad = (MalformedLine) parse("{\"data\":{\"id\":\"1\",}}");
        assertThat(bad.reason()).startsWith("malformed JSON at byte ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"data\":{\"text\":\"no id\"}}", "{\"data\":{\"id\":12345}}", "{\"data\":[1]}", "{\"data\":null}"})
    void dataWithoutAStringIdIsMalformedNotATweet(String line) {
        MalformedLine bad = (MalformedLine) parse(line);
        assertThat(bad.reason()).startsWith("tweet message without data.id");
    }

    @Test
    void parsesASliceOfALargerBufferAndCopiesOnlyThatSlice() {
        String line = "{\"data\":{\"id\":\"99\",\"text\":\"x\"}}";
        byte[] buf = ("garbage" + line + "\r\nmore").getBytes(StandardCharsets.UTF_8);
        TweetMessage t = (TweetMessage) parser.parse(buf, 7, line.length());
        assertThat(t.id()).isEqualTo("99");
        assertThat(new String(t.raw(), StandardCharsets.UTF_8)).isEqualTo(line);
        buf[10] = 'Z';
        assertThat(new String(t.raw(), StandardCharsets.UTF_8)).isEqualTo(line);
    }

    @Test
    void trailingCarriageReturnIsAccepted() {
        assertThat(parse("{\"data\":{\"id\":\"1\",\"text\":\"x\"}}\r")).isInstanceOf(TweetMessage.class);
    }

    @Test
    void everyGeneratedTweetIsRecognisedWithItsIdCreatedAtAndRuleTags() {
        List<GeneratedTweet> tweets = new TweetGenerator(20261128L, Instant.EPOCH).next(3000);
        for (GeneratedTweet g : tweets) {
            byte[] bytes = g.bytes();
            StreamMessage m = parser.parse(bytes, 0, bytes.length);
            assertThat(m).as(g.json()).isInstanceOf(TweetMessage.class);
            TweetMessage t = (TweetMessage) m;
            assertThat(t.id()).isEqualTo(g.expected().id());
            assertThat(t.createdAt()).isEqualTo(g.createdAtText());
            assertThat(t.ruleTags()).isEqualTo(g.expected().matchingRuleTags());
            assertThat(t.raw()).isEqualTo(bytes);
        }
    }

    @Test
    void everyTruncationOfATweetIsMalformedAndNeverThrows() {
        byte[] full = new TweetGenerator(7L, Instant.EPOCH).next().bytes();
        for (int len = 1; len < full.length; len++) {
            StreamMessage m = parser.parse(full, 0, len);
            assertThat(m).as("prefix of %d bytes", len).isInstanceOf(MalformedLine.class);
        }
    }

    @Test
    void absurdlyDeepNestingIsMalformedNotAStackOverflow() {
        String deep = "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        MalformedLine bad = (MalformedLine) parse(deep);
        assertThat(bad.reason()).contains("nesting depth");
    }
}
