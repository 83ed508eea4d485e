package io.hybridpipe.core.stream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Splits an X stream into lines on {@code \r\n} (a bare {@code \n} is accepted too); the terminator is not part
 * of the line. Each returned {@link Line} owns its array, so callers may keep it.
 *
 * <p>A line longer than {@code maxLineBytes} is read to its end (the stream stays in sync) and returned with
 * {@code oversized = true} and only its first {@code maxLineBytes} bytes, so the caller can route it to a
 * failure path with a reason instead of buffering without bound. Not thread-safe.
 */
public final class StreamLineReader implements Closeable {

    /** One line; {@code buf} belongs to the caller. {@code len} counts the kept bytes only. */
    public record Line(byte[] buf, int off, int len, boolean oversized) {
        public Line {
            Objects.checkFromIndexSize(off, len, buf.length);
        }
    }

    /** The largest limit: the kept bytes plus a possible \r must fit in one Java array. */
    public static final int MAX_LINE_LIMIT = Integer.MAX_VALUE - 16;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk;
    private int chunkPos;
    private int chunkEnd;
    private byte[] line;
    private int lineLen;
    private boolean eof;

    public StreamLineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1 || maxLineBytes > MAX_LINE_LIMIT) {
            throw new IllegalArgumentException("maxLineBytes must be 1.." + MAX_LINE_LIMIT + ", was " + maxLineBytes);
        }
        this.in = Objects.requireNonNull(in, "in");
        this.maxLineBytes = maxLineBytes;
        this.chunk = new byte[64 * 1024];
        this.line = new byte[Math.min(maxLineBytes, 8 * 1024)];
    }

    /** The next line, or null at end of stream. A last line without terminator is returned too. */
    public Line next() throws IOException {
        lineLen = 0;
        long total = 0;
        byte last = 0;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                return total == 0 ? null : finish(total, last);
            }
            int newline = indexOf(chunk, chunkPos, chunkEnd, (byte) '\n');
            int end = newline < 0 ? chunkEnd : newline;
            if (end > chunkPos) {
                keep(chunkPos, end);
                total += end - chunkPos;
                last = chunk[end - 1];
            }
            if (newline >= 0) {
                chunkPos = newline + 1;
                return finish(total, last);
            }
            chunkPos = chunkEnd;
        }
    }

    private Line finish(long total, byte last) {
        long length = last == '\r' ? total - 1 : total;
        boolean oversized = length > maxLineBytes;
        int len = (int) Math.min(length, maxLineBytes);
        return new Line(Arrays.copyOf(line, len), 0, len, oversized);
    }

    /** Keeps chunk[from, to) as far as the first maxLineBytes + 1 bytes of the line (the +1 may be the \r of \r\n). */
    private void keep(int from, int to) {
        int n = Math.min(to - from, maxLineBytes + 1 - lineLen);
        if (n > 0) {
            ensureCapacity(lineLen + n);
            System.arraycopy(chunk, from, line, lineLen, n);
            lineLen += n;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.max(needed, Math.min(line.length * 2, maxLineBytes + 1)));
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(chunk, 0, chunk.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        chunkPos = 0;
        chunkEnd = n;
        return true;
    }

    private static int indexOf(byte[] a, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
