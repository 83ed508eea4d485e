package io.hybridpipe.spark.streaming;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The idle {@link TopicPartitionReader}s of this JVM (an executor, or the driver in local mode), so a batch does not
 * pay a consumer connect per task: the reader that ended at a range's end is usually asked for the next range of the
 * same partition by the next batch, which the tasks' placement (that of the direct stream's KafkaRDD) sends to the
 * same executor. Keyed by the job's consumer settings and the topic-partition, as Spark keys its consumer cache by
 * group and topic-partition; a reader is handed to one task at a time.
 */
final class TopicPartitionReaders {

    /** Spark's default for {@code spark.streaming.kafka.consumer.cache.maxCapacity}. */
    static final int CAPACITY = 64;

    private static final LinkedHashMap<Key, TopicPartitionReader> IDLE = new LinkedHashMap<>(16, 0.75f, true);

    private record Key(Map<String, Object> params, TopicPartition partition) {
    }

    private TopicPartitionReaders() {
    }

    static TopicPartitionReader acquire(Map<String, Object> jobParams, TopicPartition partition) {
        synchronized (IDLE) {
            TopicPartitionReader idle = IDLE.remove(new Key(Map.copyOf(jobParams), partition));
            if (idle != null) {
                return idle;
            }
        }
        return TopicPartitionReader.open(jobParams, partition);
    }

    /** Keeps a reader that read its range to the end; the least recently used beyond {@link #CAPACITY} are closed. */
    static void release(TopicPartitionReader reader) {
        List<TopicPartitionReader> closing = new ArrayList<>();
        synchronized (IDLE) {
            TopicPartitionReader replaced = IDLE.put(new Key(reader.jobParams(), reader.partition()), reader);
            if (replaced != null) {
                closing.add(replaced);
            }
            Iterator<TopicPartitionReader> eldestFirst = IDLE.values().iterator();
            while (IDLE.size() > CAPACITY) {
                closing.add(eldestFirst.next());
                eldestFirst.remove();
            }
        }
        closing.forEach(TopicPartitionReader::close);
    }
}
