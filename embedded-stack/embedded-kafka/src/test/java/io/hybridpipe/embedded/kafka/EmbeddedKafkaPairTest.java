package io.hybridpipe.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaPairTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaPair pair;

    @BeforeAll
    static void startClusters() {
        pair = EmbeddedKafkaPair.start(dataDir);
    }

    @AfterAll
    static void stopClusters() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void theTwoClustersAreSeparate() throws Exception {
        assertThat(pair.onprem().bootstrapServers()).isNotEqualTo(pair.aws().bootstrapServers());
        pair.onprem().createTopic("only-onprem", 2);
        try (Admin onprem = pair.onprem().admin(); Admin aws = pair.aws().admin()) {
            assertThat(onprem.listTopics().names().get(10, TimeUnit.SECONDS)).contains("only-onprem");
            assertThat(aws.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("only-onprem");
        }
    }

    @Test
    void restartKeepsPortsAndData() {
        EmbeddedKafkaCluster aws = pair.aws();
        aws.createTopic("kept", 3);
        produce(aws, "kept", 30);
        String before = aws.bootstrapServers();

        aws.restart();

        assertThat(aws.bootstrapServers()).isEqualTo(before);
        assertThat(aws.isRunning()).isTrue();
        List<String> values = consumeAll(aws, "kept", 3);
        assertThat(values).hasSize(30).containsAll(List.of("value-0", "value-29"));
        assertThat(aws.logDir()).isDirectory().startsWith(dataDir.toAbsolutePath());
    }

    private static void produce(EmbeddedKafkaCluster cluster, String topic, int count) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
    }

    private static List<String> consumeAll(EmbeddedKafkaCluster cluster, String topic, int partitions) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic, p));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline
                    && !Set.copyOf(tps).stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
