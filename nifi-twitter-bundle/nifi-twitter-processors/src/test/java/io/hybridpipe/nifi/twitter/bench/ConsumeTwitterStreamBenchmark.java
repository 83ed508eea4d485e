package io.hybridpipe.nifi.twitter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridpipe.embedded.x.XApiEmulator;
import io.hybridpipe.nifi.twitter.ConsumeTwitterStream;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * ConsumeTwitterStream end to end over loopback (X API emulator -> processor in a nifi-mock TestRunner, onTrigger in
 * a loop) beside a bare reader of the same stream (HttpURLConnection + Jackson readTree per line), in tweets/s and
 * MB/s, and the processor's heap for two run lengths. Prints figures; asserts nothing.
 *
 * <p>{@code mvn -B -q -pl nifi-twitter-bundle/nifi-twitter-processors test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hybridpipe.nifi.twitter.bench.ConsumeTwitterStreamBenchmark [-Dexec.args="200000 1000000"]}
 */
public final class ConsumeTwitterStreamBenchmark {
    private static final String TOKEN = "benchmark-token";
    private static final int EMIT_CHUNK = 5_000;
    /** The driver keeps the emulator at most this far ahead of the consumer, so its own buffers stay small. */
    private static final long MAX_AHEAD = 40_000;
    /**
     * Extra posts sent after the measured ones: the emulator may hold its last partial chunk until more posts or a
     * keep-alive come, and the clock must not wait for that.
     */
    private static final int TAIL = 2_000;
    private static final long NO_PROGRESS_LIMIT_NANOS = 60_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TWEET_FIELDS = "author_id,conversation_id,created_at,entities,in_reply_to_user_id,lang,public_metrics,referenced_tweets,source";
    private static final String EXPANSIONS = "author_id";
    private static final String USER_FIELDS = "description,location,name,public_metrics,username";
    private static final String QUERY = "?tweet.fields=" + TWEET_FIELDS + "&expansions=" + EXPANSIONS + "&user.fields=" + USER_FIELDS;

    private ConsumeTwitterStreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long throughputRun = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
        long shortRun = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
        long longRun = args.length > 2 ? Long.parseLong(args[2]) : 500_000;
        System.out.printf("JVM %s, max heap %d MB, %d CPUs%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        System.out.println("Throughput: the emulator has every post rendered and queued before the clock starts,"
                + " so its generator is not measured");
        runProcessor(20_000, "warm-up", true);
        runBare(20_000, "warm-up");
        Result bare = runBare(throughputRun, "bare reader");
        Result processor = runProcessor(throughputRun, "processor", true);
        System.out.printf("ratio processor / bare reader: %.2f (tweets/s), %.2f (tweets per consumer CPU second)%n",
                processor.tweetsPerSecond() / bare.tweetsPerSecond(), processor.tweetsPerCpuSecond() / bare.tweetsPerCpuSecond());

        System.out.println("Heap: posts generated while the processor runs (the emulator kept at most " + MAX_AHEAD
                + " posts ahead), two run lengths, Queue Capacity 10000");
        Result small = runProcessor(shortRun, "processor", false);
        Result large = runProcessor(longRun, "processor", false);
        System.out.printf("heap after GC: %d MB for %,d tweets, %d MB for %,d tweets%n",
                small.peakAfterGcBytes() >> 20, shortRun, large.peakAfterGcBytes() >> 20, longRun);
    }

    record Result(long tweets, long bytes, long nanos, long consumerCpuNanos, long peakUsedBytes, long peakAfterGcBytes) {
        double tweetsPerSecond() {
            return tweets * 1e9 / nanos;
        }

        /** Tweets per second of CPU used by the consuming threads: what one free core would do. */
        double tweetsPerCpuSecond() {
            return tweets * 1e9 / consumerCpuNanos;
        }

        double megabytesPerSecond() {
            return bytes * 1e9 / nanos / (1 << 20);
        }
    }

    private static XApiEmulator emulator() {
        return XApiEmulator.builder().bearerToken(TOKEN).seed(7).recordSentTweetIds(false)
                .slowReaderLimitBytes(0).backfillCapacity(1).build().start();
    }

    /** Emits {@code n} posts in chunks, never more than MAX_AHEAD ahead of {@code consumed}. */
    private static Thread producer(XApiEmulator x, long n, LongSupplier consumed) {
        Thread t = new Thread(() -> {
            long emitted = 0;
            long total = n + TAIL;
            while (emitted < total) {
                while (emitted - consumed.getAsLong() > MAX_AHEAD) {
                    Thread.onSpinWait();
                }
                int chunk = (int) Math.min(EMIT_CHUNK, total - emitted);
                x.emit(chunk);
                emitted += chunk;
            }
        }, "benchmark-producer");
        t.setDaemon(true);
        return t;
    }

    private static Result runProcessor(long n, String label, boolean prefilled) throws Exception {
        try (XApiEmulator x = emulator()) {
            ConsumeTwitterStream processor = new ConsumeTwitterStream();
            TestRunner runner = TestRunners.newTestRunner((Processor) processor);
            runner.setProperty("stream-endpoint", "sample");
            runner.setProperty("rule-sync-strategy", "leave-as-is");
            runner.setProperty("base-url", x.baseUrl());
            runner.setProperty("bearer-token", TOKEN);
            runner.setProperty("batch-size", "2000");
            runner.setProperty("max-batch-latency", "50 ms");
            runner.setProperty("tweet-fields", TWEET_FIELDS);
            runner.setProperty("expansions", EXPANSIONS);
            runner.setProperty("user-fields", USER_FIELDS);
            runner.run(1, false, true);
            while (x.activeConnections() == 0) {
                processor.onTrigger(runner.getProcessContext(), runner.getProcessSessionFactory());
            }
            AtomicLong tweets = new AtomicLong();
            long bytes = 0;
            if (prefilled) {
                x.emit((int) n + TAIL);
            }
            HeapWatch heap = new HeapWatch();
            long cpuStart = consumerCpuNanos();
            long start = System.nanoTime();
            if (!prefilled) {
                producer(x, n, tweets::get).start();
            }
            long lastCount = -1;
            long lastProgress = System.nanoTime();
            while (tweets.get() < n) {
                if (tweets.get() != lastCount) {
                    lastCount = tweets.get();
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > NO_PROGRESS_LIMIT_NANOS) {
                    throw new IllegalStateException(label + ": no progress for 60 s at " + lastCount + " of " + n + " tweets");
                }
                processor.onTrigger(runner.getProcessContext(), runner.getProcessSessionFactory());
                for (MockFlowFile f : runner.getFlowFilesForRelationship("success")) {
                    tweets.addAndGet(Long.parseLong(f.getAttribute("tweet.count")));
                    bytes += f.getSize();
                }
                runner.clearTransferState();
                heap.sample();
            }
            long nanos = System.nanoTime() - start;
            long cpu = consumerCpuNanos() - cpuStart;
            runner.unSchedule();
            runner.stop();
            return report(label, new Result(n, bytes, nanos, cpu, heap.peakUsed(), heap.peakAfterGc()));
        }
    }

    private static Result runBare(long n, String label) throws Exception {
        try (XApiEmulator x = emulator()) {
            HttpURLConnection connection = (HttpURLConnection) new URL(x.baseUrl() + "/2/tweets/sample/stream" + QUERY).openConnection();
            connection.setRequestProperty("Authorization", "Bearer " + TOKEN);
            connection.setReadTimeout(60_000);
            AtomicLong tweets = new AtomicLong();
            long bytes = 0;
            HeapWatch heap = new HeapWatch();
            connection.connect();
            try (CountingStream in = new CountingStream(connection.getInputStream());
                 BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024)) {
                x.emit((int) n + TAIL);
                long cpuStart = consumerCpuNanos();
                long start = System.nanoTime();
                String line;
                while (tweets.get() < n && (line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    JsonNode tweet = JSON.readTree(line);
                    if (tweet.path("data").has("id")) {
                        tweets.incrementAndGet();
                    }
                    if ((tweets.get() & 4095) == 0) {
                        heap.sample();
                    }
                }
                long nanos = System.nanoTime() - start;
                long cpu = consumerCpuNanos() - cpuStart;
                bytes = in.count;
                return report(label, new Result(tweets.get(), bytes, nanos, cpu, heap.peakUsed(), heap.peakAfterGc()));
            } finally {
                connection.disconnect();
            }
        }
    }

    private static Result report(String label, Result r) {
        System.out.printf("%-12s %,9d tweets %7.1f MB in %6.2f s: %,8.0f tweets/s %6.1f MB/s | %,8.0f tweets per consumer CPU s"
                        + " | heap peak used %4d MB, after GC %4d MB%n",
                label, r.tweets(), r.bytes() / 1048576.0, r.nanos() / 1e9, r.tweetsPerSecond(), r.megabytesPerSecond(),
                r.tweetsPerCpuSecond(), r.peakUsedBytes() >> 20, r.peakAfterGcBytes() >> 20);
        return r;
    }

    /** CPU time of the consuming threads: this one (onTrigger or the bare reader) and the processor's reader thread. */
    private static long consumerCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = threads.getCurrentThreadCpuTime();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ConsumeTwitterStream-reader")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    /** Counts the bytes the bare reader takes off the socket. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }

    /** Peak heap in use (sampled) and peak heap left after a collection (what the GC could not free). */
    private static final class HeapWatch {
        private long peakUsed;

        HeapWatch() {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
        }

        void sample() {
            peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        long peakUsed() {
            return peakUsed;
        }

        /** The largest heap any collection left behind during the run (live data plus what was not yet collectable). */
        long peakAfterGc() {
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    sum += pool.getCollectionUsage().getUsed();
                }
            }
            return sum;
        }
    }
}
