package io.hybridpipe.nifi.twitter;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes an HTTP/1.1 {@code Transfer-Encoding: chunked} body. A connection that ends in the middle of a
 * chunk is an {@link EOFException} (X dropped the stream), not a normal end.
 */
final class ChunkedBodyStream extends InputStream {
    private static final int MAX_SIZE_LINE = 1024;

    private final InputStream in;
    private long remainingInChunk;
    private boolean finished;

    ChunkedBodyStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remainingInChunk == 0) {
            if (finished || !nextChunk()) {
                return -1;
            }
        }
        int n = in.read(buf, off, (int) Math.min(len, remainingInChunk));
        if (n < 0) {
            throw new EOFException("the connection closed in the middle of a chunk");
        }
        remainingInChunk -= n;
        if (remainingInChunk == 0) {
            expectCrlf();
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(remainingInChunk, in.available());
    }

    /** Reads the next chunk-size line; false at the last (zero-size) chunk, after its trailers. */
    private boolean nextChunk() throws IOException {
        String line = HttpHead.readLine(in, MAX_SIZE_LINE);
        if (line == null) {
            throw new EOFException("the connection closed between chunks");
        }
        int extension = line.indexOf(';');
        String hex = (extension < 0 ? line : line.substring(0, extension)).strip();
        try {
            remainingInChunk = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size line: " + (line.length() > 40 ? line.substring(0, 40) + "..." : line));
        }
        if (remainingInChunk < 0) {
            throw new IOException("negative chunk size: " + hex);
        }
        if (remainingInChunk == 0) {
            String trailer;
            do {
                trailer = HttpHead.readLine(in, HttpHead.MAX_HEAD_LINE);
            } while (trailer != null && !trailer.isEmpty());
            finished = true;
            return false;
        }
        return true;
    }

    private void expectCrlf() throws IOException {
        String rest = HttpHead.readLine(in, 2);
        if (rest == null) {
            throw new EOFException("the connection closed after a chunk");
        }
        if (!rest.isEmpty()) {
            throw new IOException("chunk not followed by CRLF");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
