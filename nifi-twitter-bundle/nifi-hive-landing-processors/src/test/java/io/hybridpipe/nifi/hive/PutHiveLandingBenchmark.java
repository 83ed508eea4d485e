package io.hybridpipe.nifi.hive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * the same records to local disk, in the same run. Prints figures; asserts nothing.
 * Run: {@code mvn -B -pl nifi-twitter-bundle/nifi-hive-landing-processors test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.hybridpipe.nifi.hive.PutHiveLandingBenchmark -Dexec.args="200000 20000 1"} (tweets, lines per FlowFile, concurrent tasks)
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
            runner.clearTransferState();

            flowFiles.forEach(runner::enqueue);
            long cpu0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            runner.run(flowFiles.size(), true, false);
            double landingSeconds = (System.nanoTime() - t0) / 1e9;
            double landingCpuSeconds = (OS.getProcessCpuTime() - cpu0) / 1e9;
            double load = OS.getSystemLoadAverage();
            runner.assertAllFlowFilesTransferred(PutHiveLanding.REL_SUCCESS, flowFiles.size());
            long files = runner.getFlowFilesForRelationship(PutHiveLanding.REL_SUCCESS).stream()
                    .mapToLong(f -> f.getAttribute(LandingAttributes.TARGET_PATHS).split(",").length).sum();
            String counted = engines.query("SELECT count(*), count(DISTINCT id) FROM default.bench").get(0);

            double bareSeconds = bareParquetWrite(flowFiles, dir.resolve("bare"));
            double landingRate = tweets / landingSeconds;
            double bareRate = tweets / bareSeconds;
            System.out.printf(Locale.ROOT, "tweets=%d flowfiles=%d input=%.1f MB concurrent tasks=%d%n", tweets, flowFiles.size(),
                    inputBytes / 1e6, threads);
            System.out.printf(Locale.ROOT, "PutHiveLanding into MiniDFS: %.1f s, %.0f tweets/s, %.1f MB/s (NDJSON in)%n",
                    landingSeconds, landingRate, inputBytes / 1e6 / landingSeconds);
            System.out.printf(Locale.ROOT, "  this JVM used %.1f CPU-s in that time (MiniDFS included); 1-min load average %.1f on %d cores%n",
                    landingCpuSeconds, load, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "bare parquet-avro to local disk (records prebuilt): %.1f s, %.0f tweets/s%n",
                    bareSeconds, bareRate);
            System.out.printf(Locale.ROOT, "ratio landing/bare = %.2f%n", landingRate / bareRate);
            System.out.printf(Locale.ROOT, "files=%d, files per 100k tweets=%.1f%n", files, files * 100_000.0 / tweets);
            System.out.println("Hive count(*), count(DISTINCT id) including the 2400 warm-up tweets: " + counted);
        }
    }

    /** The same tweets, normalised before the clock starts, written with parquet-avro alone. */
    private static double bareParquetWrite(List<byte[]> flowFiles, Path out) throws Exception {
        TweetNormalizer normalizer = new TweetNormalizer();
        List<GenericRecord> records = new ArrayList<>();
        Instant ingestedAt = Instant.now();
        for (byte[] content : flowFiles) {
            for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
                records.add(TweetAvro.toRecord(normalizer.normalize(line, ingestedAt)));
            }
        }
        Files.createDirectories(out);
        Configuration conf = new Configuration();
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        long t0 = System.nanoTime();
        int per = records.size() / flowFiles.size();
        for (int i = 0; i < flowFiles.size(); i++) {
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
        return (System.nanoTime() - t0) / 1e9;
    }
}
