package io.hybridpipe.spark.streaming;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.streaming.kafka010.OffsetRange;

import io.hybridpipe.spark.batch.BatchRanges;
import io.hybridpipe.spark.batch.KafkaRange;
import io.hybridpipe.spark.batch.RangeExecutor;
import io.hybridpipe.spark.writer.RangeResult;

/** Writes a KafkaRDD: its partition i holds exactly offset range i, so each task writes one range. */
final class KafkaRddWriter {

    private KafkaRddWriter() {
    }

    static BatchRanges ranges(OffsetRange[] offsetRanges) {
        return new BatchRanges(java.util.Arrays.stream(offsetRanges).map(KafkaRddWriter::range).toList());
    }

    static Map<TopicPartition, Long> untilOffsets(OffsetRange[] offsetRanges) {
        Map<TopicPartition, Long> until = new HashMap<>();
        for (OffsetRange o : offsetRanges) {
            until.put(o.topicPartition(), o.untilOffset());
        }
        return until;
    }

    static KafkaRange range(OffsetRange o) {
        return new KafkaRange(o.topic(), o.partition(), o.fromOffset(), o.untilOffset());
    }

    static RangeExecutor executor(JavaRDD<ConsumerRecord<byte[], byte[]>> rdd, OffsetRange[] offsetRanges) {
        KafkaRange[] ranges = java.util.Arrays.stream(offsetRanges).map(KafkaRddWriter::range).toArray(KafkaRange[]::new);
        return writer -> rdd.mapPartitionsWithIndex((index, records) -> {
            Iterator<RangeResult> one = List.of(writer.write(ranges[index], new MappedIterator(records))).iterator();
            return one;
        }, false).collect();
    }

    /** Converts lazily, so a range is never held twice in memory. */
    private record MappedIterator(Iterator<ConsumerRecord<byte[], byte[]>> records)
            implements Iterator<io.hybridpipe.spark.batch.SourceRecord> {
        @Override
        public boolean hasNext() {
            return records.hasNext();
        }

        @Override
        public io.hybridpipe.spark.batch.SourceRecord next() {
            return KafkaSource.toSource(records.next());
        }
    }
}
