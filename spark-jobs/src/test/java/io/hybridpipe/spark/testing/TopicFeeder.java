package io.hybridpipe.spark.testing;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.hybridpipe.core.ingest.IngestHeaders;
import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;

/** Produces test messages to a topic of the embedded {@code aws} cluster and reads its offsets. */
public final class TopicFeeder {

    private final EmbeddedKafkaCluster kafka;
    private final String topic;

    public TopicFeeder(EmbeddedKafkaCluster kafka, String topic, int partitions) {
        this.kafka = kafka;
        this.topic = topic;
        kafka.createTopic(topic, partitions);
        // until every partition is online on its broker: a first produce that arrived before got NOT_LEADER_OR_FOLLOWER,
        // and the idempotent producer then retried the batches behind it with OUT_OF_ORDER_SEQUENCE_NUMBER until they
        // expired (seen once under load)
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> endOffsets().size() == partitions);
    }

    public String topic() {
        return topic;
    }

    /** Values as UTF-8 (null stays null), keyed by position so records spread over the partitions. */
    public void send(List<String> values) {
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
            int i = 0;
            for (String v : values) {
                producer.send(record(i++, v), (metadata, error) -> {
                    if (error != null) {
                        failed.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("could not produce the test records to " + topic, failed.get());
        }
    }

    /** One transaction of a transactional producer, committed or aborted. */
    public record Transaction(List<String> values, boolean commit) {
    }

    /**
     * Writes each transaction as MirrorMaker 2 in exactly-once mode (or any transactional producer) does: every
     * transaction ends with a commit or abort marker in each partition it wrote to, which takes an offset of its own.
     */
    public void sendTransactions(List<Transaction> transactions) {
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-feeder-" + topic,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true))) {
            producer.initTransactions();
            for (Transaction t : transactions) {
                producer.beginTransaction();
                int i = 0;
                for (String v : t.values()) {
                    producer.send(record(i++, v));
                }
                if (t.commit()) {
                    producer.commitTransaction(); // flushes; a failed send makes the commit throw
                } else {
                    producer.flush();
                    producer.abortTransaction();
                }
            }
        }
    }

    private KafkaProducer<byte[], byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024));
        config.putAll(extra);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private ProducerRecord<byte[], byte[]> record(int position, String value) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                Integer.toString(position).getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        record.headers().add(IngestHeaders.INGESTED_AT,
                IngestHeaders.encodeIngestedAt(java.time.Instant.parse("2026-11-28T09:30:00Z")).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    public Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = kafka.admin()) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read end offsets of " + topic, e);
        }
    }

    public Map<TopicPartition, Long> committedOffsets(String group) {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return committed.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read committed offsets of " + group, e);
        }
    }
}
