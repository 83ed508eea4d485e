package io.hybridpipe.mirror.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads offset ranges of single partitions with read_committed isolation (MirrorMaker's exactly-once mode
 * writes transactions, whose markers occupy offsets but are no records).
 */
final class PartitionReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;

    PartitionReader(Map<String, Object> consumerConfig, Duration timeout) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "mirror-check");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.timeout = timeout;
    }

    /** First offset of each partition (after retention). */
    Map<TopicPartition, Long> startOffsets(List<TopicPartition> partitions) {
        return consumer.beginningOffsets(partitions, timeout);
    }

    /** End offset of each partition as a read_committed reader sees it (the last stable offset). */
    Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
        return consumer.endOffsets(partitions, timeout);
    }

    /** Records in {@code [from, to)}, at most {@code limit} of them, in offset order. */
    List<SampledRecord> read(TopicPartition tp, long from, long to, int limit) {
        List<SampledRecord> records = new ArrayList<>();
        if (from >= to || limit <= 0) {
            return records;
        }
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < limit && consumer.position(tp) < to) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out reading " + tp + " at offset " + consumer.position(tp)
                        + " (wanted up to " + to + ")");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() >= to || records.size() >= limit) {
                    break;
                }
                records.add(new SampledRecord(record.offset(), record.timestamp(),
                        RecordDigest.of(record.key(), record.value())));
            }
        }
        return records;
    }

    /** Exact number of committed records in {@code [from, to)}: reads them all. */
    long count(TopicPartition tp, long from, long to) {
        if (from >= to) {
            return 0;
        }
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        long count = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(tp) < to) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out counting " + tp + " at offset " + consumer.position(tp));
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < to) {
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
