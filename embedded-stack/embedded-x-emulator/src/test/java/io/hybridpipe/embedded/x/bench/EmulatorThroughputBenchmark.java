package io.hybridpipe.embedded.x.bench;

import io.hybridpipe.embedded.x.XApiEmulator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How many posts per second the emulator gets to one fast local reader, against a baseline measured in the
 * same process: a bare loopback socket writing pre-rendered lines of the same size in the same 256 KiB chunks
 * (what the wire alone allows). Prints figures; asserts nothing.
 *
 * <pre>
 * mvn -B -q -pl embedded-stack/embedded-x-emulator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.hybridpipe.embedded.x.bench.EmulatorThroughputBenchmark [-Dexec.args=1000000]
 * </pre>
 */
public final class EmulatorThroughputBenchmark {

    private static final String FIELDS = "?tweet.fields=author_id,created_at,lang,conversation_id,entities,"
            + "public_metrics,referenced_tweets,in_reply_to_user_id&expansions=author_id"
            + "&user.fields=location,description,public_metrics";

    private EmulatorThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tweets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf("posts per run: %,d; one reader on loopback decoding chunks and counting lines%n", tweets);
        emulatorAtRate(100_000, tweets / 5);
        emulatorAsFastAsTheReader(tweets / 5);
        Result emulator = emulatorAsFastAsTheReader(tweets);
        Result baseline = bareSocket(tweets, emulator.bytes / Math.max(1, emulator.lines));
        Result paced = emulatorAtRate(100_000, tweets);
        System.out.printf("machine: %d cores, load average %.1f when done%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("emulator, pushed as fast as the reader takes: %,.0f posts/s, %,.1f MB/s, %d bytes/post,"
                + " %.2f CPU-us/post%n", emulator.perSecond(), emulator.megabytesPerSecond(),
                emulator.bytes / Math.max(1, emulator.lines), emulator.cpuMicrosPerLine());
        System.out.printf("baseline, bare socket with pre-rendered lines: %,.0f lines/s, %,.1f MB/s, %.2f CPU-us/line%n",
                baseline.perSecond(), baseline.megabytesPerSecond(), baseline.cpuMicrosPerLine());
        System.out.printf("ratio emulator / baseline: %.2f in posts/s, %.2f in CPU per post%n",
                emulator.perSecond() / baseline.perSecond(), emulator.cpuMicrosPerLine() / baseline.cpuMicrosPerLine());
        System.out.printf("emulator at --rate 100000: delivered %,d of %,d posts at %,.0f posts/s, %.2f CPU-us/post,"
                + " dropped: %s%n", paced.lines, tweets, paced.perSecond(), paced.cpuMicrosPerLine(),
                paced.lines < tweets ? "yes" : "no");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Lines and bytes read, the seconds between the first and the last byte, and the process CPU used. */
    private record Result(long lines, long bytes, double seconds, long cpuNanos) {
        double perSecond() {
            return lines / seconds;
        }

        /** CPU per line (all threads: emulator and reader); unlike posts/s, it hardly depends on other load. */
        double cpuMicrosPerLine() {
            return cpuNanos / 1e3 / Math.max(1, lines);
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1e6;
        }
    }

    private static Result emulatorAsFastAsTheReader(int tweets) throws Exception {
        try (XApiEmulator x = XApiEmulator.builder().bearerToken("b").recordSentTweetIds(false)
                .slowReaderLimitBytes(512L << 20).build().start()) {
            ChunkedReader reader = ChunkedReader.open(x.port(), "/2/tweets/sample/stream" + FIELDS, "b");
            Thread thread = reader.startCounting(tweets);
            long pushed = 0;
            while (pushed < tweets) {
                if (pushed - reader.lines.get() < 50_000) {
                    int n = (int) Math.min(5_000, tweets - pushed);
                    x.emit(n);
                    pushed += n;
                } else {
                    LockSupport.parkNanos(200_000);
                }
            }
            thread.join();
            return reader.result();
        }
    }

    private static Result emulatorAtRate(int perSecond, int tweets) throws Exception {
        try (XApiEmulator x = XApiEmulator.builder().bearerToken("b").recordSentTweetIds(false)
                .ratePerSecond(perSecond).maxTweets(tweets).slowReaderLimitBytes(64L << 20).build()) {
            ChunkedReader reader;
            x.start();
            reader = ChunkedReader.open(x.port(), "/2/tweets/sample/stream" + FIELDS, "b");
            Thread thread = reader.startCounting(tweets);
            thread.join(tweets * 1000L / perSecond + 30_000);
            reader.socket.close();
            thread.join();
            return reader.result();
        }
    }

    /** The same wire work without the emulator: one line size, 256 KiB chunks, no rendering. */
    private static Result bareSocket(int lines, long lineBytes) throws Exception {
        byte[] line = ("{\"data\":\"" + "x".repeat((int) Math.max(1, lineBytes - 13)) + "\"}\r\n").getBytes(StandardCharsets.US_ASCII);
        int perChunk = Math.max(1, 256 * 1024 / line.length);
        byte[] chunk = new byte[perChunk * line.length];
        for (int i = 0; i < perChunk; i++) {
            System.arraycopy(line, 0, chunk, i * line.length, line.length);
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread writer = new Thread(() -> {
                try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
                    socket.getInputStream().read(new byte[4096]);
                    out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    byte[] header = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    for (long sent = 0; sent < lines; sent += perChunk) {
                        out.write(header);
                        out.write(chunk);
                        out.write('\r');
                        out.write('\n');
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException("baseline writer failed", e);
                }
            });
            writer.start();
            ChunkedReader reader = ChunkedReader.open(server.getLocalPort(), "/", "b");
            Thread thread = reader.startCounting(lines);
            thread.join();
            writer.join();
            return reader.result();
        }
    }

    /** Reads a chunked HTTP body, counting {@code \n}-terminated lines and bytes, as a fast client would. */
    private static final class ChunkedReader {
        final Socket socket;
        final InputStream in;
        final AtomicLong lines = new AtomicLong();
        long bytes;
        long firstByteNanos;
        long lastByteNanos;
        long cpuAtStart;

        private ChunkedReader(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 1 << 20);
        }

        static ChunkedReader open(int port, String path, String token) throws IOException {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setReceiveBufferSize(4 << 20);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            ChunkedReader reader = new ChunkedReader(socket);
            while (!reader.readLine().isEmpty()) {
                reader.bytes = 0;
            }
            return reader;
        }

        Thread startCounting(long wanted) {
            cpuAtStart = processCpuNanos();
            Thread thread = new Thread(() -> count(wanted), "bench-reader");
            thread.start();
            return thread;
        }

        /** Decodes the chunk framing block by block (a state machine over 1 MiB reads), counting data lines. */
        private void count(long wanted) {
            byte[] buffer = new byte[1 << 20];
            long dataLeft = -1;
            int trailerLeft = 0;
            StringBuilder size = new StringBuilder();
            try {
                while (lines.get() < wanted) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    if (firstByteNanos == 0) {
                        firstByteNanos = System.nanoTime();
                    }
                    long newLines = 0;
                    for (int i = 0; i < n; i++) {
                        byte b = buffer[i];
                        if (trailerLeft > 0) {
                            trailerLeft--;
                        } else if (dataLeft > 0) {
                            int take = (int) Math.min(dataLeft, n - i);
                            for (int k = i; k < i + take; k++) {
                                if (buffer[k] == '\n') {
                                    newLines++;
                                }
                            }
                            bytes += take;
                            dataLeft -= take;
                            i += take - 1;
                            if (dataLeft == 0) {
                                trailerLeft = 2;
                            }
                        } else if (b == '\n') {
                            dataLeft = Long.parseLong(size.toString().trim(), 16);
                            size.setLength(0);
                            if (dataLeft == 0) {
                                lines.addAndGet(newLines);
                                lastByteNanos = System.nanoTime();
                                return;
                            }
                        } else if (b != '\r') {
                            size.append((char) b);
                        }
                    }
                    lines.addAndGet(newLines);
                    lastByteNanos = System.nanoTime();
                }
            } catch (IOException | NumberFormatException e) {
                lastByteNanos = lastByteNanos == 0 ? System.nanoTime() : lastByteNanos;
            }
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("stream ended");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        Result result() {
            return new Result(lines.get(), bytes, (lastByteNanos - firstByteNanos) / 1e9, processCpuNanos() - cpuAtStart);
        }
    }
}
