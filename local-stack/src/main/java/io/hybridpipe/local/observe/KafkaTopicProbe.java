package io.hybridpipe.local.observe;

import io.hybridpipe.core.tweet.InvalidTweetException;
import io.hybridpipe.core.tweet.TweetNormalizer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Follows a tweets topic from the beginning, record by record, with {@code isolation.level=read_committed} (MM2 and
 * the NiFi publisher write in transactions: records of aborted transactions are not tweets that arrived). The record
 * key is the tweet id (the topic's contract); a record without a key is counted under a descriptive id so the
 * verification reports it as unexpected instead of dropping it. No consumer group: the probe assigns every partition
 * itself and commits nothing, so it never disturbs the pipeline's consumers.
 */
final class KafkaTopicProbe implements StageProbe {

    private static final Duration FETCH = Duration.ofMillis(100);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

    private final Stage stage;
    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final LatencyTracker latency;
    private final Clock clock;
    private final Duration pollBudget;
    private final TweetNormalizer normalizer = new TweetNormalizer();
    private final IdCounts ids = new IdCounts();
    private final Set<TopicPartition> assigned = new HashSet<>();

    KafkaTopicProbe(Stage stage, String bootstrapServers, String topic, LatencyTracker latency, Clock clock,
                    Duration pollBudget) {
        this.stage = stage;
        this.topic = topic;
        this.latency = latency;
        this.clock = clock;
        this.pollBudget = pollBudget;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "hybridpipe-observer-" + stage.name().toLowerCase());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(METADATA_TIMEOUT.toMillis()));
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Stage stage() {
        return stage;
    }

    @Override
    public ProbeReading poll() {
        long deadline = System.nanoTime() + pollBudget.toNanos();
        long unread = readUntil(deadline);
        return new ProbeReading(ids.total(), ids.distinct(), ids.total() + unread);
    }

    @Override
    public IdCounts contents() {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        long unread = readUntil(deadline);
        while (unread > 0 && System.nanoTime() - deadline < 0) {
            unread = readUntil(deadline); // records that arrived while reading
        }
        if (unread > 0) {
            throw new IllegalStateException(topic + ": " + unread + " records still unread after " + DRAIN_LIMIT);
        }
        return ids;
    }

    /**
     * Reads up to the end offsets as they are when called, or until the deadline; returns the records left unread
     * then. End offsets are asked for once per call, not per fetch: each ask is a round trip to the broker.
     */
    private long readUntil(long deadline) {
        refreshAssignment();
        if (assigned.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, METADATA_TIMEOUT);
        while (!reached(ends) && System.nanoTime() - deadline < 0) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(FETCH)) {
                take(r);
            }
        }
        return unread(consumer.endOffsets(assigned, METADATA_TIMEOUT));
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), METADATA_TIMEOUT) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void take(ConsumerRecord<String, byte[]> r) {
        String id = r.key() != null ? r.key()
                : "(record without key at " + r.topic() + "-" + r.partition() + "@" + r.offset() + ")";
        ids.add(id);
        if (r.key() != null && latency.sampled(id)) {
            Instant seenAt = clock.instant();
            try {
                latency.register(id, createdAt(r.value()));
                latency.seen(stage, id, seenAt);
            } catch (InvalidTweetException e) {
                latency.unreadable(stage, id, e.getMessage());
            }
        }
    }

    private Instant createdAt(byte[] value) throws InvalidTweetException {
        if (value == null) {
            throw new InvalidTweetException("record has no value");
        }
        return normalizer.normalize(value, 0, value.length, Instant.EPOCH).createdAt();
    }

    private long unread(Map<TopicPartition, Long> ends) {
        long unread = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            unread += Math.max(0, end.getValue() - consumer.position(end.getKey(), METADATA_TIMEOUT));
        }
        return unread;
    }

    /** Picks up the topic once it exists (MM2 creates the replica late) and any partition added since. */
    private void refreshAssignment() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (partitions == null || partitions.size() == assigned.size()) {
            return;
        }
        List<TopicPartition> all = new ArrayList<>();
        for (PartitionInfo info : partitions) {
            all.add(new TopicPartition(info.topic(), info.partition()));
        }
        List<TopicPartition> added = all.stream().filter(tp -> !assigned.contains(tp)).toList();
        consumer.assign(all);
        consumer.seekToBeginning(added);
        assigned.addAll(added);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
