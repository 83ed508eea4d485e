package io.hybridpipe.local.observe;

import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Kafka probe against a real KRaft broker. */
class KafkaTopicProbeTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00.000Z");

    @TempDir
    static Path dir;
    static EmbeddedKafkaCluster kafka;

    @BeforeAll
    static void startKafka() {
        kafka = new EmbeddedKafkaCluster("onprem", dir).start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void countsRecordsAndDistinctIdsAndMeasuresLatencyFromCreatedAtToThePollThatSawIt() {
        kafka.createTopic("counted", 3);
        List<String> ids = TestTweets.ids(1_862_000_000_000_000_000L, 10);
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < ids.size(); i++) {
                producer.send(new ProducerRecord<>("counted", ids.get(i),
                        TestTweets.message(ids.get(i), T0.plusMillis(i * 100L))));
            }
            producer.send(new ProducerRecord<>("counted", ids.get(3), TestTweets.message(ids.get(3), T0.plusMillis(300))));
            producer.send(new ProducerRecord<>("counted", null, TestTweets.message("999", T0)));
        }
        SettableClock clock = new SettableClock(T0.plusSeconds(5));
        LatencyTracker latency = new LatencyTracker(1, clock);
        try (KafkaTopicProbe probe = new KafkaTopicProbe(Stage.KAFKA_ONPREM, kafka.bootstrapServers(), "counted",
                latency, clock, Duration.ofSeconds(2))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.poll().records() == 12);
            ProbeReading reading = probe.poll();
            assertThat(reading.distinct()).isEqualTo(11);
            assertThat(reading.available()).isEqualTo(12);

            IdCounts contents = probe.contents();
            assertThat(contents.count(ids.get(3))).isEqualTo(2);
            assertThat(contents.count(ids.get(0))).isEqualTo(1);
            List<String> keyless = ids(contents).stream().filter(id -> id.startsWith("(record without key")).toList();
            assertThat(keyless).hasSize(1);
        }
        List<LatencySample> samples = latency.samples();
        assertThat(samples).hasSize(10).allMatch(s -> s.stage() == Stage.KAFKA_ONPREM);
        for (LatencySample s : samples) {
            int i = ids.indexOf(s.tweetId());
            assertThat(s.millis()).as("latency of tweet %d", i).isEqualTo(5_000 - i * 100L);
        }
    }

    @Test
    void readCommittedCountsNoRecordOfAnAbortedTransaction() {
        kafka.createTopic("onprem.tweets", 1);
        try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "mm2-like"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("onprem.tweets", "aborted-1", TestTweets.message("aborted-1", T0)));
            producer.send(new ProducerRecord<>("onprem.tweets", "aborted-2", TestTweets.message("aborted-2", T0)));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("onprem.tweets", "committed-1", TestTweets.message("committed-1", T0)));
            producer.commitTransaction();
        }
        SettableClock clock = new SettableClock(T0.plusSeconds(1));
        try (KafkaTopicProbe probe = new KafkaTopicProbe(Stage.KAFKA_AWS, kafka.bootstrapServers(), "onprem.tweets",
                new LatencyTracker(1, clock), clock, Duration.ofSeconds(2))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.poll().records() >= 1);
            ProbeReading reading = probe.poll();
            assertThat(reading.records()).isEqualTo(1);
            assertThat(reading.available()).as("nothing left unread: the probe read past the aborted records")
                    .isEqualTo(1);
            IdCounts contents = probe.contents();
            assertThat(ids(contents)).containsExactly("committed-1");
        }
    }

    @Test
    void aTopicThatDoesNotExistYetReadsAsEmptyAndIsPickedUpOnceCreated() {
        SettableClock clock = new SettableClock(T0);
        try (KafkaTopicProbe probe = new KafkaTopicProbe(Stage.KAFKA_AWS, kafka.bootstrapServers(), "late.tweets",
                new LatencyTracker(1, clock), clock, Duration.ofSeconds(1))) {
            assertThat(probe.poll()).isEqualTo(new ProbeReading(0, 0, 0));
            kafka.createTopic("late.tweets", 2);
            try (KafkaProducer<String, String> producer = producer(Map.of())) {
                producer.send(new ProducerRecord<>("late.tweets", "42", TestTweets.message("42", T0)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.poll().records() == 1);
        }
    }

    private static List<String> ids(IdCounts contents) {
        List<String> ids = new java.util.ArrayList<>();
        contents.forEach((id, n) -> ids.add(id));
        return ids;
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"));
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
