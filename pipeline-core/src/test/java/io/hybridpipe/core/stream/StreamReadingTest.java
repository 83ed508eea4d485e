package io.hybridpipe.core.stream;

import io.hybridpipe.core.testing.GeneratedTweet;
import io.hybridpipe.core.testing.TweetGenerator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Reader and parser together over a whole stream body, as the NiFi processor uses them. */
class StreamReadingTest {

    @Test
    void aMixedStreamReadInRandomPiecesYieldsEveryMessageInOrder() throws IOException {
        Random random = new Random(99);
        List<GeneratedTweet> tweets = new TweetGenerator(99, Instant.EPOCH).next(500);
        List<Class<?>> expected = new ArrayList<>();
        List<String> expectedIds = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (GeneratedTweet t : tweets) {
            body.writeBytes(t.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            expected.add(TweetMessage.class);
            expectedIds.add(t.expected().id());
            switch (random.nextInt(10)) {
                case 0 -> {
                    body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                    expected.add(KeepAlive.class);
                }
                case 1 -> {
                    body.writeBytes("{\"errors\":[{\"title\":\"operational-disconnect\",\"disconnect_type\":\"UpstreamOperationalDisconnect\"}]}\r\n"
                            .getBytes(StandardCharsets.UTF_8));
                    expected.add(StreamError.class);
                }
                case 2 -> {
                    body.writeBytes("{\"brand_new_kind\":true}\r\n".getBytes(StandardCharsets.UTF_8));
                    expected.add(UnknownMessage.class);
                }
                case 3 -> {
                    body.writeBytes("{\"data\":{\"id\":\"cut\r\n".getBytes(StandardCharsets.UTF_8));
                    expected.add(MalformedLine.class);
                }
                default -> {
                    // just the tweet
                }
            }
        }
        InputStream pieces = new FilterInputStream(new ByteArrayInputStream(body.toByteArray())) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(3000)));
            }
        };

        StreamLineParser parser = new StreamLineParser();
        List<Class<?>> kinds = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (StreamLineReader reader = new StreamLineReader(pieces, 1 << 20)) {
            for (StreamLineReader.Line line = reader.next(); line != null; line = reader.next()) {
                assertThat(line.oversized()).isFalse();
                StreamMessage m = parser.parse(line.buf(), line.off(), line.len());
                kinds.add(m.getClass());
                if (m instanceof TweetMessage t) {
                    ids.add(t.id());
                }
            }
        }
        assertThat(kinds).isEqualTo(expected);
        assertThat(ids).isEqualTo(expectedIds);
    }
}
