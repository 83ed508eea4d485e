package io.hybridpipe.local.observe;

import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;
import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What observing costs, against a baseline in the same process:
 * <ul>
 *   <li>Kafka: the probe following a topic (counting every id, sampling latency) against a bare read_committed
 *       consumer reading the same records;</li>
 *   <li>warehouse: one running poll of the table probe (COUNT(*) and a lookup of the pending sampled ids) against
 *       reading every id grouped, which is what a poll would cost if it rescanned the table;</li>
 *   <li>memory per id held for verification: {@link IdCounts} against a {@code HashMap<String, Integer>}.</li>
 * </ul>
 * Run: {@code mvn -B -q -pl local-stack test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hybridpipe.local.observe.ProbeCostBenchmark [-Dexec.args="tweets"]} (default 200,000).
 */
public final class ProbeCostBenchmark {

    private static final long FIRST_ID = 1_862_000_000_000_000_000L;
    private static final long ID_STEP = 4_194_304L; // snowflake ids one millisecond apart

    private ProbeCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tweets = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("probe-cost-");
        System.out.printf(Locale.ROOT, "ProbeCostBenchmark: %,d tweets, load average before: %s%n", tweets, loadAverage());
        try (EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster("onprem", dir).start()) {
            kafka(kafka, tweets);
        }
        try (EmbeddedPostgresServer postgres = new EmbeddedPostgresServer(dir.resolve("pg")).start()) {
            warehouse(postgres, tweets);
        }
        memory(tweets);
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
    }

    private static void kafka(EmbeddedKafkaCluster kafka, int tweets) {
        kafka.createTopic("tweets", 3);
        Instant created = Instant.now();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < tweets; i++) {
                String id = Long.toString(FIRST_ID + i * ID_STEP);
                producer.send(new ProducerRecord<>("tweets", id, TestTweets.message(id, created)));
            }
        }
        int every = Math.max(1, tweets / 2_000);
        // alternate the two readers; the first round warms page cache, JIT and connections and is not counted
        long baselineNanos = Long.MAX_VALUE;
        long probeNanos = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long bare = bareConsumerRead(kafka, tweets);
            long probe = probeRead(kafka, tweets, every);
            if (round > 0) {
                baselineNanos = Math.min(baselineNanos, bare);
                probeNanos = Math.min(probeNanos, probe);
            }
        }
        double baseline = tweets / (baselineNanos / 1e9);
        double withProbe = tweets / (probeNanos / 1e9);
        System.out.printf(Locale.ROOT, "Kafka (best of 2 alternating rounds after a warm-up): bare read_committed consumer "
                + "%,.0f records/s; probe (ids counted, 1 in %d sampled for latency) %,.0f records/s; probe/bare %.2f%n",
                baseline, every, withProbe, withProbe / baseline);
    }

    private static long probeRead(EmbeddedKafkaCluster kafka, int tweets, int every) {
        Clock clock = Clock.systemUTC();
        try (KafkaTopicProbe probe = new KafkaTopicProbe(Stage.KAFKA_ONPREM, kafka.bootstrapServers(), "tweets",
                new LatencyTracker(every, clock), clock, Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            while (probe.poll().records() < tweets) {
                Thread.onSpinWait();
            }
            return System.nanoTime() - start;
        }
    }

    private static long bareConsumerRead(EmbeddedKafkaCluster kafka, int tweets) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("tweets").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long start = System.nanoTime();
            long read = 0;
            long keyChars = 0;
            while (read < tweets) {
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    keyChars += r.key().length(); // touch what the probe touches, so the JIT keeps the loop
                    read++;
                }
            }
            long nanos = System.nanoTime() - start;
            if (keyChars == 0) {
                throw new IllegalStateException("read " + read + " records without keys");
            }
            return nanos;
        }
    }

    private static void warehouse(EmbeddedPostgresServer postgres, int tweets) throws SQLException {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            WarehouseRows.createTable(c, "hybridpipe", "tweets", false);
            s.execute("INSERT INTO hybridpipe.tweets (id, text, is_retweet, created_at, hashtags, mentions, urls, "
                    + "matching_rule_tags, ingested_at, payload) SELECT (" + FIRST_ID + " + g * " + ID_STEP + ")::text, "
                    + "'benchmark tweet', false, now(), '[]', '[]', '[]', '[]', now(), repeat('x', 1500) "
                    + "FROM generate_series(0::bigint, " + (tweets - 1) + ") g");
            s.execute("ANALYZE hybridpipe.tweets");
        }
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres";
        Clock clock = Clock.systemUTC();
        int every = Math.max(1, tweets / 2_000);
        int rounds = 20;
        long pollNanos = 0;
        for (int round = 0; round < rounds; round++) {
            LatencyTracker latency = new LatencyTracker(every, clock);
            // the run's pending samples: the newest 500 sampled ids, as if the warehouse were 500 samples behind
            int registered = 0;
            for (long i = tweets - 1L - round; i >= 0 && registered < 500; i -= every) {
                latency.register(Long.toString(FIRST_ID + i * ID_STEP), Instant.EPOCH);
                registered++;
            }
            try (JdbcTableProbe probe = new JdbcTableProbe(Stage.WAREHOUSE,
                    SqlConnector.postgres(url, EmbeddedPostgresServer.SUPERUSER, null), "hybridpipe.tweets",
                    latency, clock)) {
                probe.poll(); // connects
                long start = System.nanoTime();
                ProbeReading r = probe.poll();
                pollNanos += System.nanoTime() - start;
                if (r.records() != tweets) {
                    throw new IllegalStateException("counted " + r.records() + " rows, expected " + tweets);
                }
            }
        }
        long scanNanos;
        try (JdbcTableProbe probe = new JdbcTableProbe(Stage.WAREHOUSE,
                SqlConnector.postgres(url, EmbeddedPostgresServer.SUPERUSER, null), "hybridpipe.tweets",
                new LatencyTracker(every, clock), clock)) {
            probe.contents(); // connects and warms the cache
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                if (probe.contents().distinct() != tweets) {
                    throw new IllegalStateException("the scan did not read every id");
                }
            }
            scanNanos = (System.nanoTime() - start) / 5;
        }
        double pollMs = pollNanos / 1e6 / rounds;
        double scanMs = scanNanos / 1e6;
        System.out.printf(Locale.ROOT, "Warehouse (PostgreSQL, %,d rows): running poll (COUNT(*) + lookup of 500 sampled "
                + "ids) %.1f ms; reading every id grouped (the verification, once) %.1f ms; scan/poll %.1f%n", tweets,
                pollMs, scanMs, scanMs / pollMs);
    }

    private static void memory(int tweets) {
        long before = usedAfterGc();
        IdCounts compact = new IdCounts();
        for (int i = 0; i < tweets; i++) {
            compact.add(Long.toString(FIRST_ID + i * ID_STEP));
        }
        long compactBytes = usedAfterGc() - before;
        before = usedAfterGc();
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < tweets; i++) {
            map.merge(Long.toString(FIRST_ID + i * ID_STEP), 1, Integer::sum);
        }
        long mapBytes = usedAfterGc() - before;
        System.out.printf(Locale.ROOT, "Memory per id held for verification: IdCounts %.1f bytes, HashMap<String,Integer> "
                + "%.1f bytes; map/IdCounts %.1f (%d and %d ids)%n", (double) compactBytes / tweets,
                (double) mapBytes / tweets, (double) mapBytes / compactBytes, compact.distinct(), map.size());
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
