package io.hybridpipe.mirror;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.hybridpipe.embedded.kafka.EmbeddedKafkaPair;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark (a program, not a test): MirrorMaker 2 beside MirrorMaker 1 and a bare consume-and-produce loop, in one
 * run, on the same two embedded clusters and the same preloaded tweets, each with one copying thread/task and the
 * client settings of config/local.properties. Prints records/s, MB/s, the ratio to the bare loop, and the
 * replication latency p50/p99 of a steady 1,000 tweets/s stream.
 *
 * <pre>mvn -pl mirrormaker test-compile exec:java -Dexec.mainClass=io.hybridpipe.mirror.ReplicationBenchmark [-Dexec.args="200000"]</pre>
 */
public final class ReplicationBenchmark {

    private static final int PARTITIONS = 6;
    private static final int LIVE_RATE = 1_000;
    private static final int LIVE_SECONDS = 15;

    private final EmbeddedKafkaPair clusters;
    private final int records;
    private final long bytes;

    private ReplicationBenchmark(EmbeddedKafkaPair clusters, int records, long bytes) {
        this.clusters = clusters;
        this.records = records;
        this.bytes = bytes;
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory(Files.createDirectories(Paths.get("target", "tmp")), "mm2-benchmark");
        try (EmbeddedKafkaPair clusters = EmbeddedKafkaPair.start(dir)) {
            for (String topic : List.of("bench", "bench.live.bare", "bench.live.mm1", "bench.live.mm2")) {
                clusters.onprem().createTopic(topic, PARTITIONS);
            }
            clusters.aws().createTopic("bare.bench", PARTITIONS);
            clusters.aws().createTopic("bare.bench.live.bare", PARTITIONS);
            clusters.aws().createTopic("bench", PARTITIONS);
            clusters.aws().createTopic("bench.live.mm1", PARTITIONS);
            long bytes = KafkaTestClients.produceTweets(clusters.onprem().bootstrapServers(), "bench",
                    new TweetGenerator(records / 4), 0, records);
            System.out.printf("preloaded %,d tweets, %.1f MB (%,d bytes/tweet) on %d partitions%n", records,
                    bytes / 1e6, bytes / records, PARTITIONS);
            ReplicationBenchmark benchmark = new ReplicationBenchmark(clusters, records, bytes);
            // JIT and page-cache warm-up, so that the first measured replicator is not penalised
            clusters.aws().createTopic("warmup.bench", PARTITIONS);
            BareLoop warmup = new BareLoop(clusters, "warmup.", "bench-warmup", List.of("bench"));
            benchmark.copyAll("warm-up (bare loop, not measured)", warmup, "warmup.bench");
            warmup.stop();
            Result bare = benchmark.measure("bare consume-produce loop",
                    new BareLoop(clusters, "bare.", "bench-bare", List.of("bench", "bench.live.bare")), "bare.bench",
                    "bench.live.bare", "bare.bench.live.bare");
            Result mm1 = benchmark.measure("MirrorMaker 1 (kafka.tools.MirrorMaker)", new MirrorMaker1(clusters, dir),
                    "bench", "bench.live.mm1", "bench.live.mm1");
            Result mm2 = benchmark.measure("MirrorMaker 2 (local.properties)", new MirrorMaker2(clusters),
                    "onprem.bench", "bench.live.mm2", "onprem.bench.live.mm2");
            System.out.printf("%nsystem load average %.1f on %d cores (other builds share this machine)%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("%-42s %12s %9s %9s %12s %12s%n", "replicator", "records/s", "MB/s", "x bare", "p50 ms", "p99 ms");
            for (Result r : List.of(bare, mm1, mm2)) {
                System.out.printf("%-42s %,12.0f %9.1f %9.2f %12d %12d%n", r.name, r.recordsPerSecond,
                        r.megabytesPerSecond, r.recordsPerSecond / bare.recordsPerSecond, r.p50, r.p99);
            }
        }
        System.exit(0);
    }

    /** One copier under test: started, then stopped after its measurements. */
    interface Replicator {
        void start() throws Exception;

        void stop() throws Exception;
    }

    record Result(String name, double recordsPerSecond, double megabytesPerSecond, long p50, long p99) {
    }

    private Result measure(String name, Replicator replicator, String target, String liveSource, String liveTarget)
            throws Exception {
        double recordsPerSecond = copyAll(name, replicator, target);
        double megabytesPerSecond = recordsPerSecond * bytes / records / 1e6;
        long[] latencies = liveLatencies(liveSource, liveTarget);
        replicator.stop();
        return new Result(name, recordsPerSecond, megabytesPerSecond, percentile(latencies, 50), percentile(latencies, 99));
    }

    /** Starts the replicator and returns its records/s from the first copied record to the last. */
    private double copyAll(String name, Replicator replicator, String target) throws Exception {
        String aws = clusters.aws().bootstrapServers();
        long startedAt = System.nanoTime();
        replicator.start();
        long firstSeen = 0;
        long firstCount = 0;
        long count;
        while ((count = KafkaTestClients.endOffsetSum(aws, target)) < records) {
            if (firstSeen == 0 && count > 0) {
                firstSeen = System.nanoTime();
                firstCount = count;
            }
            Thread.sleep(20);
        }
        long done = System.nanoTime();
        if (firstSeen == 0) {
            firstSeen = startedAt;
        }
        double seconds = (done - firstSeen) / 1e9;
        System.out.printf("%s: %,d tweets in %.1f s after the first arrived (%.1f s including start-up)%n", name,
                records - firstCount, seconds, (done - startedAt) / 1e9);
        return (records - firstCount) / seconds;
    }

    /** Produces LIVE_RATE tweets/s for LIVE_SECONDS s and returns produce-to-target latencies in ms. */
    private long[] liveLatencies(String liveSource, String liveTarget) throws Exception {
        TweetGenerator tweets = new TweetGenerator(10_000);
        int total = LIVE_RATE * LIVE_SECONDS;
        AtomicBoolean producing = new AtomicBoolean(true);
        ExecutorService producerThread = Executors.newSingleThreadExecutor();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, clusters.onprem().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0);
        Future<?> produced = producerThread.submit(() -> {
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config,
                    new StringSerializer(), new ByteArraySerializer())) {
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    long due = start + i * 1_000_000_000L / LIVE_RATE;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    producer.send(new ProducerRecord<>(liveSource, tweets.key(i), tweets.value(i)));
                }
                producer.flush();
            } finally {
                producing.set(false);
            }
            return null;
        });
        List<Long> latencies = new ArrayList<>(total);
        try (KafkaConsumer<String, byte[]> consumer = KafkaTestClients.consumer(clusters.aws().bootstrapServers(),
                Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(liveTarget, p));
            }
            long deadline = System.currentTimeMillis() + (LIVE_SECONDS + 60) * 1000L;
            while (latencies.size() < total && System.currentTimeMillis() < deadline) {
                if (consumer.assignment().isEmpty() && liveTargetExists(liveTarget)) {
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                if (consumer.assignment().isEmpty()) {
                    Thread.sleep(50);
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    latencies.add(System.currentTimeMillis() - record.timestamp());
                }
            }
        }
        produced.get();
        producerThread.shutdown();
        if (latencies.size() < total) {
            throw new IllegalStateException("only " + latencies.size() + " of " + total + " live tweets reached " + liveTarget);
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    private boolean liveTargetExists(String topic) {
        return KafkaTestClients.endOffsetSum(clusters.aws().bootstrapServers(), topic) > 0;
    }

    private static long percentile(long[] values, int percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    /** Client settings of config/local.properties, shared by every replicator. */
    static Map<String, Object> consumerSettings(String bootstrap, String group) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        c.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65536);
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 2000);
        return c;
    }

    static Map<String, Object> producerSettings(String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    /** The baseline: one thread polls on-prem and sends each record to the same partition on AWS. */
    static final class BareLoop implements Replicator {
        private final EmbeddedKafkaPair clusters;
        private final String targetPrefix;
        private final String group;
        private final List<String> topics;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private Future<?> loop;

        BareLoop(EmbeddedKafkaPair clusters, String targetPrefix, String group, List<String> topics) {
            this.clusters = clusters;
            this.targetPrefix = targetPrefix;
            this.group = group;
            this.topics = topics;
        }

        @Override
        public void start() {
            loop = thread.submit(() -> {
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                        consumerSettings(clusters.onprem().bootstrapServers(), group),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                     KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                             producerSettings(clusters.aws().bootstrapServers()),
                             new ByteArraySerializer(), new ByteArraySerializer())) {
                    consumer.subscribe(topics);
                    long lastCommit = System.nanoTime();
                    while (running.get()) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                            producer.send(new ProducerRecord<>(targetPrefix + r.topic(), r.partition(), r.timestamp(), r.key(),
                                    r.value(), r.headers()));
                        }
                        // commit once a second, as often as MirrorMaker 2 flushes offsets here (offset.flush.interval.ms)
                        if (System.nanoTime() - lastCommit > 1_000_000_000L) {
                            consumer.commitAsync();
                            lastCommit = System.nanoTime();
                        }
                    }
                    producer.flush();
                }
                return null;
            });
        }

        @Override
        public void stop() throws Exception {
            running.set(false);
            loop.get();
            thread.shutdown();
        }
    }

    /** kafka.tools.MirrorMaker (deprecated, still in kafka_2.12 3.9) with one stream. */
    static final class MirrorMaker1 implements Replicator {
        private final EmbeddedKafkaPair clusters;
        private final Path dir;
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private Future<?> main;

        MirrorMaker1(EmbeddedKafkaPair clusters, Path dir) {
            this.clusters = clusters;
            this.dir = dir;
        }

        @Override
        public void start() throws IOException {
            Path consumer = write("mm1-consumer.properties", consumerSettings(clusters.onprem().bootstrapServers(), "bench-mm1"));
            Path producer = write("mm1-producer.properties", producerSettings(clusters.aws().bootstrapServers()));
            String[] args = {"--consumer.config", consumer.toString(), "--producer.config", producer.toString(),
                    "--include", "bench|bench\\.live\\.mm1", "--num.streams", "1"};
            main = thread.submit(() -> runMirrorMaker1(args));
        }

        @SuppressWarnings("deprecation")
        private static void runMirrorMaker1(String[] args) {
            kafka.tools.MirrorMaker.main(args);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void stop() throws Exception {
            kafka.tools.MirrorMaker.cleanShutdown();
            main.get();
            thread.shutdown();
        }

        private Path write(String name, Map<String, Object> settings) throws IOException {
            Properties props = new Properties();
            settings.forEach((k, v) -> props.setProperty(k, String.valueOf(v)));
            Path file = dir.resolve(name);
            try (Writer writer = Files.newBufferedWriter(file)) {
                props.store(writer, "MirrorMaker 1 benchmark");
            }
            return file;
        }
    }

    /** MirrorMaker 2 from config/local.properties, default replication policy (target topic onprem.bench), one task. */
    static final class MirrorMaker2 implements Replicator {
        private final MirrorMakerProcess process;

        MirrorMaker2(EmbeddedKafkaPair clusters) {
            Map<String, String> overrides = new HashMap<>(Mm2TestConfigs.bootstrapOverrides(clusters));
            overrides.put("onprem->aws.topics", "bench, bench.live.mm2");
            overrides.put("replication.policy.class", "org.apache.kafka.connect.mirror.DefaultReplicationPolicy");
            overrides.put("tasks.max", "1");
            this.process = new MirrorMakerProcess(Mm2Config.load(Mm2TestConfigs.LOCAL, overrides));
        }

        @Override
        public void start() {
            process.start();
        }

        @Override
        public void stop() {
            process.stop();
        }
    }
}
