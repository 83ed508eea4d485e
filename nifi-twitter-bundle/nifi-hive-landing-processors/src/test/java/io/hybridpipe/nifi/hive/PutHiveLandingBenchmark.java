package io.hybridpipe.nifi.hive;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import io.hybridpipe.core.tweet.TweetAvro;
import io.hybridpipe.core.tweet.TweetNormalizer;
import io.hybridpipe.core.tweet.TweetSchema;

/**
 * PutHiveLanding throughput into MiniDFS (with registration in the Hive server) beside a bare parquet-avro write of
 * the same records to local disk, in the same run. Two baselines: the original one normalises before its clock starts;
 * the second has normalisation (timed alone too) in its clock, as landing does. Also prints where the JVM's CPU went
 * while landing. Prints figures; asserts nothing.
 * Run: {@code mvn -B -pl nifi-twitter-bundle/nifi-hive-landing-processors test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.hybridpipe.nifi.hive.PutHiveLandingBenchmark -Dexec.args="200000 20000 1 0"} (tweets, lines per FlowFile, concurrent tasks, warm-up FlowFiles)
 */
public final class PutHiveLandingBenchmark {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private PutHiveLandingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tweets = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int perFlowFile = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        // FlowFiles landed before the clock starts, beyond the one that creates the partitions: 0 in the runs recorded
        // first; the JIT compiler then still compiles the landing path while the clock runs
        int warmupFlowFiles = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Path dir = Files.createTempDirectory("put-hive-landing-bench");
        Instant start = Instant.parse("2026-11-28T07:00:00Z");
        List<byte[]> flowFiles = new ArrayList<>();
        long inputBytes = 0;
        for (int from = 0; from < tweets; from += perFlowFile) {
            byte[] content = TestTweets.ndjson(TestTweets.tweets(10_000_000L + from, Math.min(perFlowFile, tweets - from),
                    start.plusSeconds(from / 50), 3));
            flowFiles.add(content);
            inputBytes += content.length;
        }
        try (LandingEngines engines = new LandingEngines(dir)) {
            TestRunner runner = TestRunners.newTestRunner(PutHiveLanding.class);
            runner.setProperty(LandingProperties.HADOOP_CONFIGURATION_RESOURCES, engines.hadoopSiteFile.toString());
            runner.setProperty(LandingProperties.TABLE_LOCATION, engines.tableLocation("bench"));
            runner.setProperty(LandingProperties.JDBC_URL, engines.hive.jdbcUrl());
            runner.setProperty(LandingProperties.TABLE, "bench");
            runner.setThreadCount(threads);

            // warm-up on content that is not measured: JIT, table creation, and every partition the measured tweets
            // fall into (steady state: a new partition appears once an hour, not in every batch)
            runner.enqueue(TestTweets.ndjson(TestTweets.tweets(1, 2_400, start, 12)));
            runner.run(1, false, true);
            int warmupTweets = 2_400;
            for (int i = 0; i < warmupFlowFiles; i++) {
                runner.enqueue(TestTweets.ndjson(TestTweets.tweets(1_000_000L + (long) i * perFlowFile, perFlowFile,
                        start.plusSeconds(i), 3)));
                warmupTweets += perFlowFile;
            }
            if (warmupFlowFiles > 0) {
                runner.run(warmupFlowFiles, false, false);
            }
            runner.assertAllFlowFilesTransferred(PutHiveLanding.REL_SUCCESS, 1 + warmupFlowFiles);
            runner.clearTransferState();

            flowFiles.forEach(runner::enqueue);
            ThreadCpuSampler cpuSampler = new ThreadCpuSampler(PutHiveLandingBenchmark::threadGroup);
            long cpu0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            runner.run(flowFiles.size(), true, false);
            double landingSeconds = (System.nanoTime() - t0) / 1e9;
            double landingCpuSeconds = (OS.getProcessCpuTime() - cpu0) / 1e9;
            Map<String, Double> cpuByGroup = cpuSampler.stop();
            double load = OS.getSystemLoadAverage();
            runner.assertAllFlowFilesTransferred(PutHiveLanding.REL_SUCCESS, flowFiles.size());
            long files = runner.getFlowFilesForRelationship(PutHiveLanding.REL_SUCCESS).stream()
                    .mapToLong(f -> f.getAttribute(LandingAttributes.TARGET_PATHS).split(",").length).sum();
            String counted = engines.query("SELECT count(*), count(DISTINCT id) FROM default.bench").get(0);

            List<GenericRecord> records = new ArrayList<>(tweets);
            Timing normalising = normalise(flowFiles, records);
            Timing bare = bareParquetWrite(records, flowFiles.size(), dir.resolve("bare"));
            double landingRate = tweets / landingSeconds;
            double bareRate = tweets / bare.wallSeconds();
            double bareWithNormalisingRate = tweets / (normalising.wallSeconds() + bare.wallSeconds());
            System.out.printf(Locale.ROOT, "tweets=%d flowfiles=%d input=%.1f MB concurrent tasks=%d warm-up FlowFiles=1+%d%n",
                    tweets, flowFiles.size(), inputBytes / 1e6, threads, warmupFlowFiles);
            System.out.printf(Locale.ROOT, "PutHiveLanding into MiniDFS: %.1f s, %.0f tweets/s, %.1f MB/s (NDJSON in)%n",
                    landingSeconds, landingRate, inputBytes / 1e6 / landingSeconds);
            System.out.printf(Locale.ROOT, "  this JVM used %.1f CPU-s in that time (MiniDFS included); 1-min load average %.1f on %d cores%n",
                    landingCpuSeconds, load, Runtime.getRuntime().availableProcessors());
            cpuByGroup.forEach((group, seconds) -> {
                if (seconds >= 0.1) {
                    System.out.printf(Locale.ROOT, "    %5.1f CPU-s  %s%n", seconds, group);
                }
            });
            System.out.printf(Locale.ROOT, "normalisation alone (TweetNormalizer + TweetAvro.toRecord, one thread): %.1f s,"
                    + " %.0f tweets/s; %.0f tweets per CPU-s of that thread%n",
                    normalising.wallSeconds(), tweets / normalising.wallSeconds(), tweets / normalising.cpuSeconds());
            System.out.printf(Locale.ROOT, "bare parquet-avro to local disk (records prebuilt): %.1f s, %.0f tweets/s;"
                    + " %.0f tweets per CPU-s of that thread%n", bare.wallSeconds(), bareRate, tweets / bare.cpuSeconds());
            System.out.printf(Locale.ROOT, "bare normalise + parquet-avro write, both in the clock: %.1f s, %.0f tweets/s%n",
                    normalising.wallSeconds() + bare.wallSeconds(), bareWithNormalisingRate);
            System.out.printf(Locale.ROOT, "ratio landing/bare = %.2f (original baseline, records prebuilt)%n",
                    landingRate / bareRate);
            System.out.printf(Locale.ROOT, "ratio landing/(bare normalise + write) = %.2f%n",
                    landingRate / bareWithNormalisingRate);
            // wall-clock ratios swing with the load of a shared machine; CPU time of the threads doing the work does not
            double landingThreadsCpu = cpuByGroup.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("PutHiveLanding")).mapToDouble(Map.Entry::getValue).sum();
            double landingPerCpu = tweets / landingThreadsCpu;
            System.out.printf(Locale.ROOT, "CPU: landing %.0f tweets per CPU-s of its own threads (tasks + writers;"
                    + " MiniDFS, GC and JIT not counted); ratio to bare write %.2f, to bare normalise + write %.2f%n",
                    landingPerCpu, landingPerCpu / (tweets / bare.cpuSeconds()),
                    landingPerCpu / (tweets / (normalising.cpuSeconds() + bare.cpuSeconds())));
            System.out.printf(Locale.ROOT, "files=%d, files per 100k tweets=%.1f%n", files, files * 100_000.0 / tweets);
            System.out.println("Hive count(*), count(DISTINCT id) including the " + warmupTweets + " warm-up tweets: "
                    + counted);
        }
    }

    private record Timing(double wallSeconds, double cpuSeconds) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Normalises every line into {@code records}; timed separately, so the original baseline still excludes it. */
    private static Timing normalise(List<byte[]> flowFiles, List<GenericRecord> records) throws Exception {
        TweetNormalizer normalizer = new TweetNormalizer();
        Instant ingestedAt = Instant.now();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (byte[] content : flowFiles) {
            for (int from = 0, to; from < content.length; from = to + 1) {
                to = indexOf(content, (byte) '\n', from);
                if (to > from) {
                    records.add(TweetAvro.toRecord(normalizer.normalize(content, from, to - from, ingestedAt)));
                }
            }
        }
        return new Timing((System.nanoTime() - t0) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9);
    }

    private static int indexOf(byte[] content, byte b, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == b) {
                return i;
            }
        }
        return content.length;
    }

    /** The same records written with parquet-avro alone, one file per FlowFile. */
    private static Timing bareParquetWrite(List<GenericRecord> records, int files, Path out) throws Exception {
        Files.createDirectories(out);
        Configuration conf = new Configuration();
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int per = records.size() / files;
        for (int i = 0; i < files; i++) {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(out.resolve("part-" + i + ".parquet").toUri());
            try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                            HadoopOutputFile.fromPath(file, conf))
                    .withSchema(TweetSchema.avro()).withConf(conf)
                    .withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
                for (GenericRecord r : records.subList(i * per, Math.min(records.size(), (i + 1) * per))) {
                    writer.write(r);
                }
            }
        }
        return new Timing((System.nanoTime() - t0) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9);
    }

    /** Groups the JVM's threads (Linux names, at most 15 characters) for the CPU breakdown. */
    private static String threadGroup(String name) {
        if (name.startsWith("pool-")) {
            return "PutHiveLanding tasks (nifi-mock's threads: read, normalise, build records)";
        }
        if (name.startsWith("PutHiveLanding")) {
            return "PutHiveLanding Parquet writer threads (encode, write to HDFS)";
        }
        if (name.startsWith("org.apache.hado") || name.startsWith("PacketResponder")) {
            return "MiniDFS DataNode (DataXceiver, PacketResponder) and other Hadoop daemons";
        }
        if (name.startsWith("IPC Server") || name.startsWith("Socket Reader")) {
            return "MiniDFS NameNode RPC";
        }
        if (name.matches("Thread-\\d+")) {
            return "unnamed threads (HDFS client DataStreamer/ResponseProcessor, DataNode BPServiceActor)";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return "garbage collector (GC Thread, G1, VM Thread)";
        }
        if (name.contains("CompilerThre")) {
            return "JIT compiler";
        }
        return "other: " + name.replaceAll("\\d+", "N");
    }
}
