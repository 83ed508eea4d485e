package io.hybridpipe.spark.streaming;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import io.hybridpipe.spark.batch.KafkaRange;

/**
 * Reads offset ranges of one topic-partition on an executor with one consumer of the job's settings
 * ({@code read_committed}). A range is complete when the consumer's <em>position</em> reaches its end, not when a
 * record at {@code until - 1} arrives: the last offsets of a range may be transaction markers or records of aborted
 * transactions, which a {@code read_committed} consumer never returns but steps over. Spark's own DStream iterator
 * waits for such a record and fails after {@code spark.streaming.kafka.consumer.poll.ms}; Structured Streaming's
 * source asks the position instead (SPARK-25005), as this does. Records fetched past a range stay buffered for the
 * next range, which usually starts exactly there. Not thread-safe: one task at a time (see {@link TopicPartitionReaders}).
 */
final class TopicPartitionReader implements AutoCloseable {

    private final Map<String, Object> jobParams;
    private final TopicPartition partition;
    private final String group;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private Iterator<ConsumerRecord<byte[], byte[]>> fetched = Collections.emptyIterator();
    private ConsumerRecord<byte[], byte[]> pending;
    /** Where the buffered records continue: the end of the last range read to completion, else -1. */
    private long continuesAt = -1;

    private TopicPartitionReader(Map<String, Object> jobParams, TopicPartition partition) {
        this.jobParams = Map.copyOf(jobParams);
        this.partition = partition;
        Map<String, Object> params = executorParams(jobParams);
        this.group = String.valueOf(params.get(ConsumerConfig.GROUP_ID_CONFIG));
        this.consumer = new KafkaConsumer<>(params);
        consumer.assign(List.of(partition));
    }

    static TopicPartitionReader open(Map<String, Object> jobParams, TopicPartition partition) {
        return new TopicPartitionReader(jobParams, partition);
    }

    /**
     * What an executor's consumer needs beyond the job's settings, as Spark sets for its own: a group of its own
     * that is never joined and never committed to (the driver commits the job's group after the warehouse load),
     * and no silent reset when a range is no longer in Kafka.
     */
    static Map<String, Object> executorParams(Map<String, Object> jobParams) {
        Map<String, Object> params = new HashMap<>(jobParams);
        params.put(ConsumerConfig.GROUP_ID_CONFIG, "spark-executor-" + jobParams.get(ConsumerConfig.GROUP_ID_CONFIG));
        params.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        params.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        return params;
    }

    Map<String, Object> jobParams() {
        return jobParams;
    }

    TopicPartition partition() {
        return partition;
    }

    /**
     * The records of {@code range} with offsets in {@code [from, until)}, fetched lazily.
     *
     * @param pollMillis how long the position may stand still before the range counts as unreadable
     * @throws KafkaRangeReadException (from the iterator) when the range is gone from Kafka or cannot be read in time
     */
    Iterator<ConsumerRecord<byte[], byte[]>> read(KafkaRange range, long pollMillis) {
        if (!partition.equals(new TopicPartition(range.topic(), range.partition()))) {
            throw new IllegalArgumentException("reader of " + partition + " asked for " + range);
        }
        if (range.fromOffset() != continuesAt) {
            consumer.seek(partition, range.fromOffset());
            fetched = Collections.emptyIterator();
            pending = null;
        }
        continuesAt = -1;
        return new RangeIterator(range, pollMillis);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private final class RangeIterator implements Iterator<ConsumerRecord<byte[], byte[]>> {

        private final KafkaRange range;
        private final long pollMillis;
        private boolean complete;

        RangeIterator(KafkaRange range, long pollMillis) {
            this.range = range;
            this.pollMillis = pollMillis;
        }

        @Override
        public boolean hasNext() {
            if (complete) {
                return false;
            }
            long lastPosition = -1;
            long stillSince = System.nanoTime();
            while (true) {
                if (pending == null && fetched.hasNext()) {
                    pending = fetched.next();
                }
                if (pending != null) {
                    return pending.offset() < range.untilOffset() || complete();
                }
                long position = position();
                if (position >= range.untilOffset()) {
                    return complete();
                }
                if (position != lastPosition) {
                    lastPosition = position;
                    stillSince = System.nanoTime();
                }
                long waited = (System.nanoTime() - stillSince) / 1_000_000;
                if (waited >= pollMillis) {
                    throw new KafkaRangeReadException(range, group, "the consumer stayed at offset " + position
                            + " for " + waited + " ms (spark.streaming.kafka.consumer.poll.ms = " + pollMillis
                            + "): the broker is unreachable or the offsets are not readable yet", null);
                }
                poll(Duration.ofMillis(pollMillis - waited));
            }
        }

        @Override
        public ConsumerRecord<byte[], byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("end of " + range);
            }
            ConsumerRecord<byte[], byte[]> r = pending;
            pending = null;
            return r;
        }

        /** Always false: the range is done; what is buffered past it belongs to the range that starts at its end. */
        private boolean complete() {
            complete = true;
            continuesAt = range.untilOffset();
            return false;
        }

        private long position() {
            try {
                return consumer.position(partition, Duration.ofMillis(pollMillis));
            } catch (KafkaException e) {
                throw new KafkaRangeReadException(range, group, "cannot get the consumer's position", e);
            }
        }

        private void poll(Duration timeout) {
            try {
                fetched = consumer.poll(timeout).records(partition).iterator();
            } catch (OffsetOutOfRangeException e) {
                throw new KafkaRangeReadException(range, group,
                        "the offsets are no longer in Kafka (retention or deleted records)", e);
            } catch (KafkaException e) {
                throw new KafkaRangeReadException(range, group, "the consumer failed", e);
            }
        }
    }
}
