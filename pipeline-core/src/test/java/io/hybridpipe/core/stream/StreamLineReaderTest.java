package io.hybridpipe.core.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamLineReaderTest {

    /** Returns at most {@code max} bytes per read, to put line ends and multi-byte characters across reads. */
    private static InputStream trickle(byte[] data, int max) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }

    private static List<String> lines(InputStream in, int maxLineBytes) throws IOException {
        List<String> out = new ArrayList<>();
        try (StreamLineReader reader = new StreamLineReader(in, maxLineBytes)) {
            for (StreamLineReader.Line l = reader.next(); l != null; l = reader.next()) {
                out.add((l.oversized() ? "OVERSIZED:" : "") + new String(l.buf(), l.off(), l.len(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64 * 1024})
    void splitsOnCrLfAndBareLfWhateverTheReadSizes(int readSize) throws IOException {
        byte[] data = "{\"a\":\"😀\"}\r\n\r\n{\"b\":\"שלום\"}\n\n{\"c\":1}\r\nlast without end".getBytes(StandardCharsets.UTF_8);
        assertThat(lines(trickle(data, readSize), 1000))
                .containsExactly("{\"a\":\"😀\"}", "", "{\"b\":\"שלום\"}", "", "{\"c\":1}", "last without end");
    }

    @Test
    void emptyStreamHasNoLines() throws IOException {
        assertThat(lines(new ByteArrayInputStream(new byte[0]), 10)).isEmpty();
    }

    @Test
    void aCarriageReturnInsideALineIsKept() throws IOException {
        assertThat(lines(new ByteArrayInputStream("a\rb\r\n".getBytes(StandardCharsets.UTF_8)), 10)).containsExactly("a\rb");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 64 * 1024})
    void oversizedLineIsConsumedToItsEndAndTruncatedToTheLimit(int readSize) throws IOException {
        String big = "x".repeat(100);
        byte[] data = ("short\r\n" + big + "\r\nafter\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(lines(trickle(data, readSize), 10)).containsExactly("short", "OVERSIZED:" + "x".repeat(10), "after");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 64 * 1024})
    void aLineOfExactlyTheLimitIsNotOversizedWithOrWithoutCr(int readSize) throws IOException {
        byte[] data = "0123456789\r\n0123456789\n01234567890\r\n0123456789".getBytes(StandardCharsets.UTF_8);
        assertThat(lines(trickle(data, readSize), 10))
                .containsExactly("0123456789", "0123456789", "OVERSIZED:0123456789", "0123456789");
    }

    @Test
    void returnedLinesOwnTheirBytes() throws IOException {
        try (StreamLineReader reader = new StreamLineReader(new ByteArrayInputStream("abc\ndef\n".getBytes(StandardCharsets.UTF_8)), 100)) {
            StreamLineReader.Line first = reader.next();
            StreamLineReader.Line second = reader.next();
            assertThat(new String(first.buf(), first.off(), first.len(), StandardCharsets.UTF_8)).isEqualTo("abc");
            assertThat(new String(second.buf(), second.off(), second.len(), StandardCharsets.UTF_8)).isEqualTo("def");
            assertThat(reader.next()).isNull();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void linesLongerThanTheInternalChunkAreWhole() throws IOException {
        String big = "é".repeat(100_000);
        List<String> read = lines(new ByteArrayInputStream((big + "\r\nz").getBytes(StandardCharsets.UTF_8)), 1 << 20);
        assertThat(read).containsExactly(big, "z");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MAX_VALUE})
    void rejectsALimitOutsideWhatAnArrayCanHold(int limit) {
        assertThatThrownBy(() -> new StreamLineReader(new ByteArrayInputStream(new byte[0]), limit))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLargestLimitWorks() throws IOException {
        assertThat(lines(new ByteArrayInputStream("abc\r\n".getBytes(StandardCharsets.UTF_8)), StreamLineReader.MAX_LINE_LIMIT))
                .containsExactly("abc");
    }
}
