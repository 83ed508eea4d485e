package io.hybridpipe.embedded.x;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One open stream: a bounded outgoing buffer filled by the publisher and drained by a writer (the thread that
 * calls {@link #serve}) into HTTP/1.1 chunks of up to 256 KiB. If the reader falls behind so far that the buffer
 * exceeds its limit the connection is dropped and the buffered posts are lost, as X does.
 */
final class StreamConnection {

    private static final int CHUNK_BYTES = 256 * 1024;
    private static final long COALESCE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Bounds one drain so keep-alive and close checks still run under a never-ending stream of posts. */
    private static final int MAX_LINES_PER_DRAIN = 100_000;
    private static final byte[] KEEP_ALIVE = {'\r', '\n'};
    private static final Outgoing WAKE_UP = new Outgoing(new byte[0], null, false);

    final StreamKind kind;
    final FieldSelection fields;
    private final Socket socket;
    private final long limitBytes;
    private final long keepAliveNanos;
    private final SentTweetLog sentLog;
    private final DisconnectBudget budget;
    private final Consumer<StreamConnection> onClose;
    private final LinkedBlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong handedPosts = new AtomicLong();
    private final Consumer<StreamConnection> onEnd;
    private long writtenPosts;
    private long possiblySentPosts;
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private final List<String> idsInChunk = new ArrayList<>();
    private int chunkLength;
    private long lastWriteNanos;
    private volatile long stallUntilNanos;
    private volatile boolean closed;
    private volatile String closeReason;

    StreamConnection(Socket socket, StreamKind kind, FieldSelection fields, long limitBytes, long keepAliveNanos,
                     SentTweetLog sentLog, DisconnectBudget budget, Consumer<StreamConnection> onClose,
                     Consumer<StreamConnection> onEnd) {
        this.socket = socket;
        this.kind = kind;
        this.fields = fields;
        this.limitBytes = limitBytes;
        this.keepAliveNanos = keepAliveNanos;
        this.sentLog = sentLog;
        this.budget = budget;
        this.onClose = onClose;
        this.onEnd = onEnd;
    }

    /** Queues a line; drops the connection instead if that takes the buffer over its limit. */
    void offer(Outgoing line) {
        if (closed) {
            return;
        }
        long buffered = queuedBytes.addAndGet(line.bytes().length);
        if (limitBytes > 0 && buffered > limitBytes) {
            close("slow reader: " + buffered + " bytes buffered, limit " + limitBytes);
            return;
        }
        if (line.tweetId() != null) {
            handedPosts.incrementAndGet();
        }
        queue.add(line);
    }

    /** Writes nothing at all, not even keep-alives, until {@code untilNanos}; then carries on. */
    void stallUntil(long untilNanos) {
        stallUntilNanos = untilNanos;
    }

    boolean isClosed() {
        return closed;
    }

    /** Posts handed to this stream (queued or backfill) that were neither written nor in a write that failed. */
    long postsLost() {
        return Math.max(0, handedPosts.get() - writtenPosts - possiblySentPosts);
    }

    String closeReason() {
        return closeReason;
    }

    void close(String reason) {
        if (closed) {
            return;
        }
        closeReason = reason;
        closed = true;
        queue.add(WAKE_UP);
        try {
            socket.close();
        } catch (IOException e) {
            closeReason = reason + "; closing the socket failed: " + e;
        }
        onClose.accept(this);
    }

    /**
     * The writer loop: sends the response head, then the backfill lines, then live lines and keep-alives
     * until the stream is closed by the client, a fault or the emulator.
     */
    void serve(byte[] head, Iterable<Outgoing> backfill) {
        Thread watcher = new Thread(this::watchForClientClose, "x-emulator-eof-watch");
        watcher.setDaemon(true);
        watcher.start();
        try {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.flush();
            lastWriteNanos = System.nanoTime();
            for (Outgoing line : backfill) {
                if (line.tweetId() != null) {
                    handedPosts.incrementAndGet();
                }
                if (closed || !append(out, line)) {
                    return;
                }
            }
            flushChunk(out);
            while (!closed) {
                long wait = keepAliveNanos - (System.nanoTime() - lastWriteNanos);
                Outgoing line = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    writeKeepAliveIfDue(out);
                    continue;
                }
                if (!drain(out, line)) {
                    return;
                }
            }
        } catch (WriteFailed e) {
            sentLog.addPossiblySent(idsInChunk);
            possiblySentPosts += idsInChunk.size();
            idsInChunk.clear();
            close("write failed: " + e.getMessage());
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close("emulator stopping");
        } finally {
            close(closeReason == null ? "stream ended" : closeReason);
            onEnd.accept(this); // the writer has stopped: what it wrote and lost is final
        }
    }

    /**
     * Writes {@code first} and whatever else is queued, as chunks; false once the stream must end. When the
     * queue runs dry before half a chunk is filled, it waits up to {@link #COALESCE_NANOS} for more, so a
     * producer slightly slower than the socket still yields large writes instead of one syscall per post.
     */
    private boolean drain(OutputStream out, Outgoing first) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + COALESCE_NANOS;
        Outgoing line = first;
        for (int taken = 1; ; taken++) {
            if (line != WAKE_UP) {
                queuedBytes.addAndGet(-line.bytes().length);
                if (!append(out, line)) {
                    return false;
                }
            }
            if (taken == MAX_LINES_PER_DRAIN) {
                break;
            }
            line = queue.poll();
            if (line == null && !closed && chunkLength < CHUNK_BYTES / 2) {
                long left = deadline - System.nanoTime();
                line = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            }
            if (line == null) {
                break;
            }
        }
        flushChunk(out);
        return !closed;
    }

    /** Adds a line to the current chunk, applying the disconnect fault and clean stream ends. */
    private boolean append(OutputStream out, Outgoing line) throws IOException {
        if (line.tweetId() != null) {
            DisconnectBudget.Decision decision = budget.nextTweet();
            if (decision == DisconnectBudget.Decision.CUT_NOW) {
                flushChunk(out);
                close("disconnectAfterTweets fault");
                return false;
            }
            addToChunk(out, line);
            if (decision == DisconnectBudget.Decision.WRITE_THEN_CUT) {
                flushChunk(out);
                close("disconnectAfterTweets fault");
                return false;
            }
            return true;
        }
        addToChunk(out, line);
        if (line.endsStream()) {
            flushChunk(out);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            close("stream ended by the server");
            return false;
        }
        return true;
    }

    private void addToChunk(OutputStream out, Outgoing line) throws IOException {
        byte[] bytes = line.bytes();
        if (chunkLength + bytes.length > CHUNK_BYTES) {
            flushChunk(out);
        }
        if (line.tweetId() != null) {
            idsInChunk.add(line.tweetId()); // before the write, so a write that fails leaves it possibly sent
        }
        if (bytes.length > CHUNK_BYTES) {
            writeChunk(out, bytes, bytes.length); // a chunk of its own: the flush above emptied the buffer
            flushChunk(out);
        } else {
            System.arraycopy(bytes, 0, chunk, chunkLength, bytes.length);
            chunkLength += bytes.length;
        }
    }

    private void flushChunk(OutputStream out) throws IOException {
        if (chunkLength > 0) {
            writeChunk(out, chunk, chunkLength);
            chunkLength = 0;
        }
        if (!idsInChunk.isEmpty()) {
            sentLog.addAll(idsInChunk);
            writtenPosts += idsInChunk.size();
            idsInChunk.clear();
        }
    }

    private void writeChunk(OutputStream out, byte[] data, int length) throws IOException {
        waitWhileStalled();
        if (closed) {
            throw new IOException("stream closed: " + closeReason); // before writing: none of the chunk was sent
        }
        try {
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, 0, length);
            out.write(KEEP_ALIVE);
            out.flush();
        } catch (IOException e) {
            throw new WriteFailed(e);
        }
        lastWriteNanos = System.nanoTime();
    }

    /**
     * A write the socket failed part-way: it had taken an unknown part of the chunk, and a streaming client reads the
     * lines of a chunk as they come, so the posts in it were possibly sent.
     */
    private static final class WriteFailed extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private void writeKeepAliveIfDue(OutputStream out) throws IOException {
        if (!closed && System.nanoTime() - lastWriteNanos >= keepAliveNanos) {
            writeChunk(out, KEEP_ALIVE, KEEP_ALIVE.length);
        }
    }

    private void waitWhileStalled() {
        long remaining;
        while (!closed && (remaining = stallUntilNanos - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(20)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close("emulator stopping");
            }
        }
    }

    /** A blocking read that returns when the client closes its side: the stream is then over. */
    private void watchForClientClose() {
        try {
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[512];
            long ignored = 0;
            int n;
            while ((n = in.read(sink)) >= 0) {
                ignored += n;
            }
            close("client closed the connection" + (ignored > 0 ? " after sending " + ignored + " stray bytes" : ""));
        } catch (IOException e) {
            close(closed ? closeReason : "client connection failed: " + e.getMessage());
        }
    }
}
