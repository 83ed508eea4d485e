package io.hybridpipe.spark.batch;

import java.io.Serializable;

import io.hybridpipe.core.partition.FileNames;

/** One Kafka topic-partition's offsets in a batch, {@code untilOffset} exclusive (as Spark's OffsetRange). */
public record KafkaRange(String topic, int partition, long fromOffset, long untilOffset) implements Serializable {

    public KafkaRange {
        if (fromOffset < 0 || untilOffset < fromOffset) {
            throw new IllegalArgumentException("need 0 <= from <= until, was " + fromOffset + ".." + untilOffset);
        }
    }

    public long count() {
        return untilOffset - fromOffset;
    }

    /** The deterministic file name of this range's data in one partition directory. */
    public String fileName(String extension) {
        return FileNames.forOffsetRange(topic, partition, fromOffset, untilOffset, extension);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "[" + fromOffset + "," + untilOffset + ")";
    }
}
