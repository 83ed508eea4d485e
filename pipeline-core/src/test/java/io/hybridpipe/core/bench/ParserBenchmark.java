package io.hybridpipe.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridpipe.core.stream.StreamLineParser;
import io.hybridpipe.core.stream.StreamMessage;
import io.hybridpipe.core.stream.TweetMessage;
import io.hybridpipe.core.testing.GeneratedTweet;
import io.hybridpipe.core.testing.TweetGenerator;
import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.InvalidTweetException;
import io.hybridpipe.core.tweet.TweetNormalizer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Single-thread throughput of the stream parser and the normaliser against a baseline in the same process: bare
 * Jackson {@code ObjectMapper.readTree} of the same bytes. Passes of the three variants are interleaved so that load
 * from other processes hits them alike. Each pass is timed twice: wall clock, and the CPU time of the benchmark thread
 * (which leaves out the time the thread waited for a core on a busy machine, so it is the throughput of one core).
 * Medians over the passes are printed.
 *
 * <pre>
 * mvn -B -q -pl pipeline-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.hybridpipe.core.bench.ParserBenchmark [-Dexec.args="tweets seed warmupPasses passes"]
 * </pre>
 */
public final class ParserBenchmark {

    private interface Pass {
        long run(byte[][] lines) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261128L;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 7;

        Instant ingestedAt = Instant.parse("2026-11-28T12:00:00Z");
        List<GeneratedTweet> tweets = new TweetGenerator(seed, ingestedAt).next(count);
        byte[][] lines = new byte[count][];
        long totalBytes = 0;
        for (int i = 0; i < count; i++) {
            lines[i] = tweets.get(i).bytes();
            totalBytes += lines[i].length;
        }

        ObjectMapper mapper = new ObjectMapper();
        StreamLineParser parser = new StreamLineParser();
        TweetNormalizer normalizer = new TweetNormalizer();
        String[] names = {"(a) ObjectMapper.readTree (baseline)", "(b) StreamLineParser.parse", "(c) parse + TweetNormalizer.normalize"};
        Pass[] variants = {
            ls -> readTree(mapper, ls),
            ls -> parse(parser, ls),
            ls -> parseAndNormalize(parser, normalizer, ingestedAt, ls)
        };

        System.out.printf("tweets: %,d (seed %d), bytes: %,d (avg %,d bytes/tweet), warm-up passes: %d, measured passes: %d%n",
                count, seed, totalBytes, totalBytes / count, warmup, passes);
        System.out.printf("java %s, %d available processors, load average at start: %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage());

        long sink = 0;
        for (int w = 0; w < warmup; w++) {
            for (Pass v : variants) {
                sink += v.run(lines);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[][] wall = new long[variants.length][passes];
        long[][] cpu = new long[variants.length][passes];
        for (int p = 0; p < passes; p++) {
            for (int v = 0; v < variants.length; v++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                sink += variants[v].run(lines);
                wall[v][p] = System.nanoTime() - start;
                cpu[v][p] = threads.getCurrentThreadCpuTime() - cpuStart;
            }
        }

        double wallBaseline = median(wall[0]);
        double cpuBaseline = median(cpu[0]);
        System.out.printf("%-40s | %12s %8s %7s | %12s %8s %7s%n", "variant (one thread), medians",
                "CPU tweets/s", "CPU MB/s", "vs (a)", "wall tweets/s", "wall MB/s", "vs (a)");
        for (int v = 0; v < variants.length; v++) {
            double c = median(cpu[v]);
            double w = median(wall[v]);
            System.out.printf("%-40s | %,12.0f %8.1f %6.2fx | %,12.0f %8.1f %6.2fx%n", names[v],
                    count / (c / 1e9), totalBytes / 1e6 / (c / 1e9), cpuBaseline / c,
                    count / (w / 1e9), totalBytes / 1e6 / (w / 1e9), wallBaseline / w);
        }
        System.out.printf("load average at end: %s (checksum %d)%n", loadAverage(), sink);
    }

    private static long readTree(ObjectMapper mapper, byte[][] lines) throws IOException {
        long h = 0;
        for (byte[] line : lines) {
            JsonNode n = mapper.readTree(line);
            h += n.size();
        }
        return h;
    }

    private static long parse(StreamLineParser parser, byte[][] lines) {
        long h = 0;
        for (byte[] line : lines) {
            StreamMessage m = parser.parse(line, 0, line.length);
            if (m instanceof TweetMessage t) {
                h += t.id().length() + t.ruleTags().size();
            } else {
                throw new IllegalStateException("generated tweet not recognised: " + m);
            }
        }
        return h;
    }

    private static long parseAndNormalize(StreamLineParser parser, TweetNormalizer normalizer, Instant ingestedAt, byte[][] lines)
            throws InvalidTweetException {
        long h = 0;
        for (byte[] line : lines) {
            TweetMessage t = (TweetMessage) parser.parse(line, 0, line.length);
            byte[] raw = t.raw();
            CanonicalTweet c = normalizer.normalize(raw, 0, raw.length, ingestedAt);
            h += c.hashtags().size() + c.text().length();
        }
        return h;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unavailable (" + e.getClass().getSimpleName() + ")";
        }
    }
}
