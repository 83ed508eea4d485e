package io.hybridpipe.spark.reconcile;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.postgresql.PGConnection;

import io.hybridpipe.core.partition.FileNames;
import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetNormalizer;
import io.hybridpipe.embedded.hive.HiveServerProcess;
import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;
import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import io.hybridpipe.spark.JobComponents;
import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.testing.TestTweets;
import io.hybridpipe.spark.writer.ParquetTweetFormat;

/**
 * Ids compared per second by the reconcile job on {@code local[2]} over a range of N tweets (default 1,000,000), and
 * the repair rates. The raw layer is written with the landing layout (canonical Parquet, 50,000 rows a file, content
 * names) on the local file system; the "S3" side is a copy of those files under a second base, minus one file; the
 * warehouse is PostgreSQL 15 holding every id (the canonical table, non-key columns minimal) minus a repair set.
 * Baselines in the same process: a bare Spark job that only reads both sides' id columns and counts them, and bare
 * Spark anti-joins raw<->S3 on id (what a hand-written check would do, without partitions, Hive or a report).
 * Arguments: [tweets (default 1000000)] [ids to repair (default 20000)].
 */
public final class ReconcileBenchmark {

    private static final int ROWS_PER_FILE = 50_000;
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private ReconcileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tweets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repairIds = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        java.nio.file.Path dir = Files.createTempDirectory(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), "reconcile-bench");
        String raw = dir.resolve("raw").toUri().toString().replaceAll("/$", "");
        String cloud = dir.resolve("cloud").toUri().toString().replaceAll("/$", "");
        try (EmbeddedPostgresServer pg = new EmbeddedPostgresServer(dir.resolve("pg")).start();
             EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster("onprem", dir.resolve("kafka")).start();
             HiveServerProcess hive = HiveServerProcess.start(dir.resolve("hive"), Optional.empty())) {
            kafka.createTopic("tweets", 2);
            Map<String, String> s = new TreeMap<>();
            s.put("hybridpipe.raw.location", raw);
            s.put("hybridpipe.storage.base", cloud);
            s.put("hybridpipe.hive.jdbc-url", hive.jdbcUrl());
            s.put("hybridpipe.hive.table", RawLayerLander.TABLE);
            s.put("hybridpipe.warehouse.dialect", "postgresql");
            s.put("hybridpipe.warehouse.jdbc-url", pg.jdbcUrl());
            s.put("hybridpipe.warehouse.user", EmbeddedPostgresServer.SUPERUSER);
            s.put("hybridpipe.warehouse.schema", "bench");
            s.put("hybridpipe.onprem.kafka.bootstrap.servers", kafka.bootstrapServers());
            ReconcileSettings settings = new ReconcileSettings(JobSettings.of(s));

            long genStart = System.nanoTime();
            Configuration local = new Configuration();
            List<String> ids = new ArrayList<>(tweets);
            StringBuilder warehouseCsv = new StringBuilder();
            JobComponents.loader(settings.settings(), local, new ParquetTweetFormat()).ensureTables();
            TestTweets generator = new TestTweets(2026);
            TweetNormalizer normalizer = new TweetNormalizer();
            List<PartitionPath> partitions = new ArrayList<>();
            for (int from = 0; from < tweets; from += ROWS_PER_FILE) {
                Map<PartitionPath, List<CanonicalTweet>> chunk = new TreeMap<>(ReconcileReport.PARTITION_ORDER);
                for (String m : generator.messages(20_000_000_000L + from, Math.min(ROWS_PER_FILE, tweets - from))) {
                    CanonicalTweet t = normalizer.normalize(m, RawLayerLander.INGESTED_AT);
                    chunk.computeIfAbsent(PartitionPath.of(t.createdAt()), p -> new ArrayList<>()).add(t);
                    ids.add(t.id());
                    warehouseCsv.append(t.id()).append(",x,false,").append(SQL_TIME.format(t.createdAt()))
                            .append(",[],[],[],[],").append(SQL_TIME.format(t.ingestedAt())).append(",{}\n");
                }
                for (Map.Entry<PartitionPath, List<CanonicalTweet>> e : chunk.entrySet()) {
                    if (!partitions.contains(e.getKey())) {
                        partitions.add(e.getKey());
                    }
                    String name = FileNames.forContent("tweets", FileNames.sha256(Integer.toString(from).getBytes(StandardCharsets.UTF_8)),
                            0, "parquet");
                    new ParquetTweetFormat().write(local, new Path(raw + "/" + e.getKey().path() + "/" + name), e.getValue(), () -> { });
                }
                copyIn(pg, warehouseCsv);
                warehouseCsv.setLength(0);
            }
            copyTree(dir.resolve("raw"), dir.resolve("cloud"));
            java.nio.file.Path droppedFile;
            try (Stream<java.nio.file.Path> files = Files.walk(dir.resolve("cloud"))) {
                droppedFile = files.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
            }
            long droppedRows = new ParquetTweetFormat().read(local, new Path(droppedFile.toUri())).size();
            Files.delete(droppedFile);
            RawLayerLander.register(hive.jdbcUrl(), raw, partitions);
            double genSeconds = (System.nanoTime() - genStart) / 1e9;
            HourRange range = HourRange.parse(partitions.stream().map(PartitionPath::path).min(String::compareTo).orElseThrow(),
                    partitions.stream().map(PartitionPath::path).max(String::compareTo).orElseThrow());

            SparkSession spark = SparkSession.builder().config(new SparkConf().setMaster("local[2]").setAppName("reconcile-bench")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1").set("spark.sql.shuffle.partitions", "4")).getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            ReconcileJob job = new ReconcileJob(spark, settings);
            warmUp(spark, raw, range);

            long baseStart = System.nanoTime();
            PartitionLister lister = new PartitionLister(spark.sparkContext().hadoopConfiguration());
            Dataset<Row> rawIds = ParquetIds.read(spark, raw, lister.existing(raw, range));
            Dataset<Row> cloudIds = ParquetIds.read(spark, cloud, lister.existing(cloud, range));
            long baselineIds = rawIds.count() + cloudIds.count();
            double baseSeconds = (System.nanoTime() - baseStart) / 1e9;
            long antiStart = System.nanoTime();
            long antiDifferences = rawIds.join(cloudIds, rawIds.col("id").equalTo(cloudIds.col("id")), "left_anti").count()
                    + cloudIds.join(rawIds, cloudIds.col("id").equalTo(rawIds.col("id")), "left_anti").count();
            double antiSeconds = (System.nanoTime() - antiStart) / 1e9;

            ReconcileReport s3Only = job.run(new ReconcileJob.Request(range, EnumSet.of(CloudSide.s3), false, RepairTarget.kafka, 20));
            ReconcileReport both = job.run(new ReconcileJob.Request(range, EnumSet.allOf(CloudSide.class), false, RepairTarget.kafka, 20));

            try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM bench.tweets WHERE id IN (SELECT id FROM bench.tweets ORDER BY id DESC LIMIT " + repairIds + ")");
            }
            ReconcileReport kafkaRepair = job.run(new ReconcileJob.Request(range, EnumSet.of(CloudSide.warehouse), true,
                    RepairTarget.kafka, 20));
            ReconcileReport warehouseRepair = job.run(new ReconcileJob.Request(range, EnumSet.of(CloudSide.warehouse), true,
                    RepairTarget.warehouse, 20));

            System.out.printf("%nreconcile benchmark: %,d tweets in %d hourly partitions (%s), local[2], %d cores seen, load %s%n",
                    tweets, partitions.size(), range, Runtime.getRuntime().availableProcessors(), loadAverage());
            System.out.printf("  data generated in %.1f s (raw + S3 copy minus one file of %,d rows + %,d warehouse rows)%n",
                    genSeconds, droppedRows, tweets);
            System.out.printf("  baseline 1: read and count both sides' ids, %,d ids in %.2f s = %,.0f ids/s%n",
                    baselineIds, baseSeconds, baselineIds / baseSeconds);
            System.out.printf("  baseline 2: bare Spark anti-joins raw<->S3 on id (no partitions, no report), %,d differences in %.2f s"
                    + " = %,.0f raw ids/s%n", antiDifferences, antiSeconds, tweets / antiSeconds);
            line("reconcile --cloud s3", s3Only, tweets, antiSeconds);
            line("reconcile --cloud s3,warehouse", both, tweets, antiSeconds);
            System.out.printf("    found: missing in S3 %,d (expected %,d), missing in warehouse %,d, not in raw %,d%n",
                    both.total(PartitionReport::missingInS3), droppedRows, both.total(PartitionReport::missingInWarehouse),
                    both.total(PartitionReport::notInRaw));
            repairLine(kafkaRepair);
            repairLine(warehouseRepair);
            if (both.total(PartitionReport::missingInS3) != droppedRows || s3Only.total(PartitionReport::raw) != tweets) {
                throw new IllegalStateException("the reconcile figures do not match the generated data: " + ReportTable.render(both));
            }
            spark.stop();
        }
    }

    private static void warmUp(SparkSession spark, String raw, HourRange range) throws Exception {
        ParquetIds.read(spark, raw, new PartitionLister(spark.sparkContext().hadoopConfiguration()).existing(raw, range)).count();
    }

    private static void line(String what, ReconcileReport report, int tweets, double antiJoinSeconds) {
        double seconds = report.millis() / 1000.0;
        long compared = report.total(PartitionReport::raw) + report.total(p -> p.s3() == null ? 0 : p.s3())
                + report.total(p -> p.warehouse() == null ? 0 : p.warehouse());
        System.out.printf("  %s: %.2f s, %,.0f raw ids/s (%,.0f ids/s over all sides, %,d ids), %.2fx baseline 2's time%n",
                what, seconds, tweets / seconds, compared / seconds, compared, seconds / antiJoinSeconds);
    }

    private static void repairLine(ReconcileReport report) {
        RepairOutcome r = report.repair().orElseThrow(() -> new IllegalStateException("no repair ran"));
        System.out.printf("  repair to %s: %,d tweets in %.2f s = %,.0f tweets/s (whole run incl. compare %.2f s)%n",
                r.target(), r.tweets(), r.millis() / 1000.0, r.tweets() / (r.millis() / 1000.0), report.millis() / 1000.0);
    }

    private static void copyIn(EmbeddedPostgresServer pg, StringBuilder csv) throws Exception {
        try (Connection c = pg.connect()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench.tweets (id, text, is_retweet, created_at, hashtags, "
                    + "mentions, urls, matching_rule_tags, ingested_at, payload) FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        }
    }

    private static void copyTree(java.nio.file.Path from, java.nio.file.Path to) throws Exception {
        try (Stream<java.nio.file.Path> files = Files.walk(from)) {
            for (java.nio.file.Path p : files.toList()) {
                java.nio.file.Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().startsWith(".")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static String loadAverage() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(java.nio.file.Path.of("/proc/loadavg"))))) {
            return r.readLine();
        } catch (Exception unavailable) {
            return "n/a (" + unavailable.getMessage() + ")";
        }
    }
}
