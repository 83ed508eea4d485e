package io.hybridpipe.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;

import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;
import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import io.hybridpipe.embedded.s3.EmbeddedS3;
import io.hybridpipe.spark.JobComponents;
import io.hybridpipe.spark.batch.BatchPipeline;
import io.hybridpipe.spark.batch.CrashPoints;
import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.streaming.DStreamJob;
import io.hybridpipe.spark.streaming.KafkaSource;
import io.hybridpipe.spark.streaming.StreamingSparkConf;
import io.hybridpipe.spark.testing.S3aTestConf;
import io.hybridpipe.spark.testing.TestTweets;
import io.hybridpipe.spark.testing.TopicFeeder;
import io.hybridpipe.spark.writer.HadoopConf;
import io.hybridpipe.spark.writer.OffsetRangeWriter;
import io.hybridpipe.spark.writer.ParquetTweetFormat;
import io.hybridpipe.spark.writer.RangeResult;
import io.hybridpipe.spark.writer.StorageLayout;
import io.hybridpipe.spark.writer.TweetPartitioner;

/**
 * Sustained tweets/s and batch latency of the DStream job on local[2] (Kafka -> S3Proxy -> PostgreSQL),
 * beside a bare Spark batch over the same Kafka range writing the same Parquet, in the same process.
 * Then a sustained run: tweets produced at a steady rate while the job runs, latency measured per tweet from the
 * moment it was handed to the Kafka producer to the commit of the warehouse transaction that holds it.
 * Arguments: [tweets (default 100000)] [batch interval seconds (default 2)] [max rate per partition (default 25000)]
 * [steady rate, tweets/s (default 5000)] [steady seconds (default 30)] [warm-up rounds (default 4)].
 */
public final class SparkJobBenchmark {

    private SparkJobBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tweets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int intervalSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String maxRate = args.length > 2 ? args[2] : "25000";
        int steadyRate = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        int steadySeconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        int warmUpRounds = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        Path tmp = Files.createTempDirectory("spark-bench");
        try (EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster("aws", tmp).start();
             EmbeddedS3 s3 = new EmbeddedS3().start();
             EmbeddedPostgresServer pg = new EmbeddedPostgresServer(tmp).start()) {
            s3.createBucket("bench");
            TopicFeeder warmFeeder = new TopicFeeder(kafka, "warm.tweets", 2);
            warmFeeder.send(new TestTweets(2025).messages(5_000_000_000L, WARM_UP_TWEETS));
            TopicFeeder feeder = new TopicFeeder(kafka, "onprem.tweets", 2);
            List<String> values = new TestTweets(2026).messages(10_000_000_000L, tweets);
            long produceStart = System.nanoTime();
            feeder.send(values);
            double produceSeconds = (System.nanoTime() - produceStart) / 1e9;

            Map<String, String> s = new TreeMap<>();
            s.put("hybridpipe.kafka.bootstrap.servers", kafka.bootstrapServers());
            s.put("hybridpipe.kafka.topic", "onprem.tweets");
            s.put("hybridpipe.kafka.group.id", "bench");
            s.put("hybridpipe.kafka.max-rate-per-partition", maxRate);
            s.put("hybridpipe.storage.base", "s3a://bench/streaming");
            s.put("hybridpipe.warehouse.dialect", "postgresql");
            s.put("hybridpipe.warehouse.jdbc-url", pg.jdbcUrl());
            s.put("hybridpipe.warehouse.user", EmbeddedPostgresServer.SUPERUSER);
            JobSettings settings = JobSettings.of(s);

            SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("hybridpipe-benchmark")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            S3aTestConf.sparkConf(s3).forEach(conf::set);
            // as deployed: Hadoop caches one S3A client per bucket. The tests turn the cache off (one S3Proxy per test
            // class), which here made every file write build a new S3A client and thread pool, a cost no cluster pays
            conf.set("spark.hadoop.fs.s3a.impl.disable.cache", "false");
            StreamingSparkConf.withJobDefaults(conf, settings);
            try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
                jsc.setLogLevel("WARN");
                // Warm-up, not measured: this one JVM holds Spark, two Kafka brokers, S3Proxy and the job, and its JIT
                // compilers kept one of the two cores busy for the first minute; a job runs for hours, so both the
                // streaming path and the bare batch are measured warm. Each pass prints the JIT time it still paid.
                JobSettings warm = settings.with("hybridpipe.kafka.topic", warmFeeder.topic());
                for (int round = 1; round <= warmUpRounds; round++) {
                    // a group and storage base of its own per round: the same ones would resume after the last batch
                    streaming(jsc, warm.with("hybridpipe.kafka.group.id", "warm-" + round)
                            .with("hybridpipe.storage.base", "s3a://bench/warm-up-" + round), warmFeeder, intervalSeconds);
                    bareBatch(jsc, warm, warmFeeder, "s3a://bench/warm-up-bare");
                }
                Result bareBefore = bareBatch(jsc, settings, feeder, "s3a://bench/bare");
                Result streaming = streaming(jsc, settings, feeder, intervalSeconds);
                Result bareAfter = bareBatch(jsc, settings, feeder, "s3a://bench/bare");
                long rows = count(pg, "SELECT count(*) FROM public.tweets") - WARM_UP_TWEETS;
                // the faster of the two bare passes: the ratio is never flattered by a slow baseline
                Result bare = bareBefore.seconds() <= bareAfter.seconds() ? bareBefore : bareAfter;
                print(tweets, produceSeconds, intervalSeconds, maxRate, warmUpRounds, streaming, bareBefore, bareAfter, bare, rows);
                long rowsBefore = count(pg, "SELECT count(*) FROM public.tweets");
                Sustained sustained = sustained(jsc, settings, kafka, intervalSeconds, steadyRate, steadySeconds);
                printSustained(sustained, steadyRate, intervalSeconds, tweets / bare.seconds(),
                        count(pg, "SELECT count(*) FROM public.tweets") - rowsBefore);
            }
        }
    }

    private static final int WARM_UP_TWEETS = 60_000;

    /** @param cpuSeconds CPU time of this JVM (Spark, Kafka broker, S3Proxy; PostgreSQL is a separate process) */
    record Result(double seconds, double cpuSeconds, double postgresCpuSeconds, double jitSeconds, double processingSeconds,
                  List<Long> batchLatenciesMillis) {
    }

    private static double jitSeconds() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3;
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * The job over a topic already holding the tweets, from {@code ssc.start} until the group's committed offsets reach
     * the end. {@link Result#processingSeconds} leaves out the wait for the first batch boundary (up to one interval):
     * from the processing start of the first batch with records to the last commit, the rate of a job with a backlog.
     */
    private static Result streaming(JavaSparkContext jsc, JobSettings settings, TopicFeeder feeder, int intervalSeconds) {
        BatchPipeline pipeline = JobComponents.pipeline(settings, jsc.hadoopConfiguration(), CrashPoints.NONE);
        JavaStreamingContext ssc = new JavaStreamingContext(jsc, Durations.seconds(intervalSeconds));
        List<Long> latencies = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong firstProcessingStart = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        long startMillis = System.currentTimeMillis();
        long intervalMillis = intervalSeconds * 1000L;
        ssc.ssc().addStreamingListener(new StreamingListener() {
            @Override
            public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
                // the listener bus of the SparkContext is shared: a stopped pass's last events may still arrive here
                if (completed.batchInfo().numRecords() > 0 && completed.batchInfo().batchTime().milliseconds() >= startMillis) {
                    // a record waits up to one interval for its batch, then the batch's scheduling + processing delay
                    latencies.add(intervalMillis + (Long) completed.batchInfo().totalDelay().get());
                }
            }
        });
        Map<TopicPartition, Long> end = feeder.endOffsets();
        String group = settings.get("hybridpipe.kafka.group.id", "bench");
        double cpuStart = processCpuSeconds();
        double pgCpuStart = PostgresCpu.seconds();
        double jitStart = jitSeconds();
        long start = System.nanoTime();
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        java.util.concurrent.atomic.AtomicLong loaded = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong lastCommitNanos = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong lastCommitMillis = new java.util.concurrent.atomic.AtomicLong();
        DStreamJob.start(ssc, settings, pipeline, outcome -> {
            // called right after the batch's warehouse transaction committed
            if (outcome.ranges().recordCount() == 0) {
                return;
            }
            lastCommitNanos.set(System.nanoTime());
            lastCommitMillis.set(System.currentTimeMillis());
            firstProcessingStart.accumulateAndGet(lastCommitMillis.get() - outcome.millis(), Math::min);
            loaded.addAndGet(outcome.ranges().recordCount());
            System.out.printf("  batch: %d records, %d ms, of which warehouse load %d ms%n",
                    outcome.ranges().recordCount(), outcome.millis(), outcome.warehouseMillis());
        });
        while (loaded.get() < total) {
            sleep(20);
        }
        double seconds = (lastCommitNanos.get() - start) / 1e9;
        double cpu = processCpuSeconds() - cpuStart;
        double jit = jitSeconds() - jitStart;
        double pgCpu = PostgresCpu.seconds() - pgCpuStart;
        // Kafka receives a batch's commitAsync with the next batch: wait for it, so the next pass starts clean
        while (!feeder.committedOffsets(group).equals(end)) {
            sleep(20);
        }
        ssc.stop(false, true);
        return new Result(seconds, cpu, pgCpu, jit, (lastCommitMillis.get() - firstProcessingStart.get()) / 1e3, latencies);
    }

    /** Per-tweet latencies (emitted -> warehouse commit) and the span from the first emit to the last commit. */
    record Sustained(int tweets, double seconds, List<Long> tweetLatenciesMillis, List<Long> batchMillis) {
    }

    private static Sustained sustained(JavaSparkContext jsc, JobSettings base, EmbeddedKafkaCluster kafka,
                                       int intervalSeconds, int rate, int seconds) throws InterruptedException {
        String topic = "onprem.steady";
        kafka.createTopic(topic, 2);
        JobSettings settings = base.with("hybridpipe.kafka.topic", topic).with("hybridpipe.kafka.group.id", "bench-steady")
                .with("hybridpipe.storage.base", "s3a://bench/steady");
        int tweets = rate * seconds;
        List<String> values = new TestTweets(2027).messages(20_000_000_000L, tweets);
        BatchPipeline pipeline = JobComponents.pipeline(settings, jsc.hadoopConfiguration(), CrashPoints.NONE);
        JavaStreamingContext ssc = new JavaStreamingContext(jsc, Durations.seconds(intervalSeconds));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(tweets));
        List<Long> batchMillis = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong loaded = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong lastCommitNanos = new java.util.concurrent.atomic.AtomicLong();
        try (SteadyFeeder feeder = new SteadyFeeder(kafka.bootstrapServers(), topic, 2, values, rate)) {
            DStreamJob.Running job = DStreamJob.start(ssc, settings, pipeline, outcome -> {
                long committed = System.nanoTime(); // called right after the warehouse transaction committed
                for (io.hybridpipe.spark.batch.KafkaRange r : outcome.ranges().ranges()) {
                    for (long offset = r.fromOffset(); offset < r.untilOffset(); offset++) {
                        latencies.add((committed - feeder.emittedNanos(r.partition(), offset)) / 1_000_000);
                    }
                }
                if (outcome.ranges().recordCount() > 0) {
                    batchMillis.add(outcome.millis());
                    lastCommitNanos.set(committed);
                }
                loaded.addAndGet(outcome.ranges().recordCount());
            });
            feeder.start();
            feeder.awaitSent();
            while (loaded.get() < tweets && job.failure().isEmpty()) {
                sleep(50);
            }
            ssc.stop(false, true);
            if (job.failure().isPresent()) {
                throw new IllegalStateException("the sustained run failed", job.failure().get());
            }
            return new Sustained(tweets, (lastCommitNanos.get() - feeder.startNanos()) / 1e9, latencies, batchMillis);
        }
    }

    private static void printSustained(Sustained s, int rate, int interval, double bareRate, long newRows) {
        List<Long> lat = new ArrayList<>(s.tweetLatenciesMillis());
        Collections.sort(lat);
        List<Long> batches = new ArrayList<>(s.batchMillis());
        Collections.sort(batches);
        double sustainedRate = s.tweets() / s.seconds();
        System.out.printf("sustained: %d tweets fed at %d tweets/s; first emit -> last warehouse commit %.1f s = %.0f tweets/s; "
                + "%d non-empty batches (processing p50 %d ms, max %d ms); new warehouse rows %d%n",
                s.tweets(), rate, s.seconds(), sustainedRate, batches.size(), percentile(batches, 50),
                batches.get(batches.size() - 1), newRows);
        System.out.printf("sustained latency per tweet (handed to the producer -> warehouse commit): p50 %d ms, p99 %d ms, "
                + "max %d ms (p99/interval %.2f)%n", percentile(lat, 50), percentile(lat, 99), lat.get(lat.size() - 1),
                percentile(lat, 99) / (interval * 1000.0));
        System.out.printf("ratio sustained/bare: %.2f (the sustained figure cannot exceed the feed rate)%n",
                sustainedRate / bareRate);
    }

    private static Result bareBatch(JavaSparkContext jsc, JobSettings settings, TopicFeeder feeder, String base) {
        OffsetRange[] ranges = feeder.endOffsets().entrySet().stream()
                .map(e -> OffsetRange.create(e.getKey().topic(), e.getKey().partition(), 0, e.getValue()))
                .toArray(OffsetRange[]::new);
        OffsetRangeWriter writer = new OffsetRangeWriter(new StorageLayout(base),
                TweetPartitioner.CREATED_AT_HOUR, new ParquetTweetFormat(), new HadoopConf(jsc.hadoopConfiguration()),
                CrashPoints.NONE);
        double cpuStart = processCpuSeconds();
        double jitStart = jitSeconds();
        long start = System.nanoTime();
        JavaRDD<ConsumerRecord<byte[], byte[]>> rdd = KafkaUtils.createRDD(jsc,
                new java.util.HashMap<>(KafkaSource.consumerParams(settings.with("hybridpipe.kafka.group.id", "bench-bare"))),
                ranges, LocationStrategies.PreferConsistent());
        List<RangeResult> written = rdd.mapPartitionsWithIndex((i, records) -> {
            List<io.hybridpipe.spark.batch.SourceRecord> converted = new ArrayList<>();
            records.forEachRemaining(r -> converted.add(KafkaSource.toSource(r)));
            OffsetRange o = ranges[i];
            return List.of(writer.write(new io.hybridpipe.spark.batch.KafkaRange(o.topic(), o.partition(),
                    o.fromOffset(), o.untilOffset()), converted.iterator())).iterator();
        }, false).collect();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = processCpuSeconds() - cpuStart;
        if (written.stream().mapToLong(RangeResult::validRows).sum() == 0) {
            throw new IllegalStateException("the bare batch wrote nothing");
        }
        return new Result(seconds, cpu, 0, jitSeconds() - jitStart, seconds, List.of());
    }

    private static void print(int tweets, double produceSeconds, int interval, String maxRate, int warmUpRounds, Result streaming,
                              Result bareBefore, Result bareAfter, Result bare, long rows) {
        List<Long> lat = new ArrayList<>(streaming.batchLatenciesMillis());
        Collections.sort(lat);
        double streamingRate = tweets / streaming.processingSeconds();
        double bareRate = tweets / bare.seconds();
        System.out.printf("tweets=%d produced in %.1f s; batch interval %d s; maxRatePerPartition %s; local[2], %d cores; "
                        + "warm-up %d rounds of %d tweets (streaming + bare)%n",
                tweets, produceSeconds, interval, maxRate, Runtime.getRuntime().availableProcessors(), warmUpRounds,
                WARM_UP_TWEETS);
        System.out.printf("streaming job (Kafka -> S3Proxy Parquet -> manifest -> PostgreSQL MERGE): %.0f tweets/s "
                        + "(first batch's processing start -> last warehouse commit %.2f s; %.2f s from ssc.start, %.0f tweets/s), "
                        + "%d batches, warehouse rows %d%n",
                streamingRate, streaming.processingSeconds(), streaming.seconds(), tweets / streaming.seconds(), lat.size(), rows);
        if (!lat.isEmpty()) {
            System.out.printf("end-to-end latency per batch (interval + scheduling + processing): p50 %d ms, p99 %d ms, max %d ms (p99/interval %.2f)%n",
                    percentile(lat, 50), percentile(lat, 99), lat.get(lat.size() - 1), percentile(lat, 99) / (interval * 1000.0));
        }
        System.out.printf("bare Spark batch (same Kafka range -> same Parquet, no manifest, no load): before %.2f s "
                        + "(%.0f tweets/s), after %.2f s (%.0f tweets/s); the faster one is the baseline%n",
                bareBefore.seconds(), tweets / bareBefore.seconds(), bareAfter.seconds(), tweets / bareAfter.seconds());
        System.out.printf("ratio streaming/bare: %.2f (wall clock)%n", streamingRate / bareRate);
        System.out.printf("JVM CPU time: streaming %.1f s (%.0f tweets per CPU-second), bare %.1f s (%.0f tweets per CPU-second), "
                        + "ratio %.2f; PostgreSQL's CPU not included%n",
                streaming.cpuSeconds(), tweets / streaming.cpuSeconds(), bare.cpuSeconds(), tweets / bare.cpuSeconds(),
                (tweets / streaming.cpuSeconds()) / (tweets / bare.cpuSeconds()));
        System.out.printf("CPU of the whole pipeline (this JVM + PostgreSQL's processes): streaming %.1f s (%.0f tweets per "
                        + "CPU-second; PostgreSQL %.1f s of it), bare %.1f s; the machine has %d cores%n",
                streaming.cpuSeconds() + streaming.postgresCpuSeconds(),
                tweets / (streaming.cpuSeconds() + streaming.postgresCpuSeconds()), streaming.postgresCpuSeconds(),
                bare.cpuSeconds(), Runtime.getRuntime().availableProcessors());
        System.out.printf("JIT compilation still paid while measuring: streaming %.1f s, bare %.1f s / %.1f s%n",
                streaming.jitSeconds(), bareBefore.jitSeconds(), bareAfter.jitSeconds());
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static long count(EmbeddedPostgresServer pg, String sql) throws Exception {
        try (Connection c = pg.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
