package io.hybridpipe.spark.streaming;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offsets up to which the warehouse holds every record, and their synchronous commit when no
 * stream consumer is in the group. Needed because the direct stream's {@code commitAsync} only queues
 * the offsets: they are sent when the next batch is computed, so the last batch before a (graceful)
 * stop would otherwise stay uncommitted.
 */
final class LoadedOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedOffsets.class);

    private final Map<String, Object> consumerParams;
    private final Map<TopicPartition, Long> loaded = new ConcurrentHashMap<>();

    LoadedOffsets(Map<String, Object> consumerParams) {
        this.consumerParams = Map.copyOf(consumerParams);
    }

    void loadedUpTo(Map<TopicPartition, Long> untilOffsets) {
        untilOffsets.forEach((tp, until) -> loaded.merge(tp, until, Math::max));
    }

    /**
     * Commits the loaded offsets as a standalone consumer of the group: call it only while no stream
     * consumer is a member (before the stream starts, after it stopped). A failure is logged, not thrown:
     * the next start resumes after the batch in flight anyway, which the warehouse already holds.
     */
    boolean commitSync() {
        if (loaded.isEmpty()) {
            return true;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        loaded.forEach((tp, until) -> offsets.put(tp, new OffsetAndMetadata(until)));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(new HashMap<>(consumerParams))) {
            consumer.commitSync(offsets, Duration.ofSeconds(30));
            LOG.info("committed the loaded offsets {}", offsets);
            return true;
        } catch (KafkaException e) {
            LOG.warn("could not commit the loaded offsets {} (the next start resumes after them anyway): {}",
                    offsets, e.toString());
            return false;
        }
    }
}
