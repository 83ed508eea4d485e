package io.hybridpipe.spark.streaming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.Partition;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.kafka010.OffsetRange;

import io.hybridpipe.spark.batch.BatchRanges;
import io.hybridpipe.spark.batch.KafkaRange;
import io.hybridpipe.spark.batch.RangeExecutor;
import io.hybridpipe.spark.batch.SourceRecord;
import io.hybridpipe.spark.writer.OffsetRangeWriter;
import io.hybridpipe.spark.writer.RangeResult;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Writes the offset ranges of a direct stream's batch, one task per range, each read by a
 * {@link TopicPartitionReader}. The KafkaRDD itself is never iterated: its iterator waits for a record at every
 * offset up to the range's end and so never finishes a range that ends with a transaction marker. It still gives
 * the ranges and where each task runs (the same executor for the same partition batch after batch, where that
 * partition's reader is cached).
 */
final class KafkaRddWriter {

    private static final ClassTag<KafkaRange> RANGE_TAG = ClassTag$.MODULE$.apply(KafkaRange.class);

    private final HashMap<String, Object> consumerParams;
    private final long pollMillis;

    /** @param pollMillis how long a range's reader may make no progress before the batch fails */
    KafkaRddWriter(Map<String, Object> consumerParams, long pollMillis) {
        this.consumerParams = new HashMap<>(consumerParams);
        this.pollMillis = pollMillis;
    }

    static BatchRanges ranges(OffsetRange[] offsetRanges) {
        return new BatchRanges(Arrays.stream(offsetRanges).map(KafkaRddWriter::range).toList());
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

    /** @param kafkaRdd the KafkaRDD of {@code offsetRanges} (its partition i is range i), used for task placement only */
    RangeExecutor executor(JavaRDD<ConsumerRecord<byte[], byte[]>> kafkaRdd, OffsetRange[] offsetRanges) {
        JavaRDD<KafkaRange> tasks = placedLike(kafkaRdd.rdd(), offsetRanges);
        HashMap<String, Object> params = consumerParams;
        long poll = pollMillis;
        return writer -> tasks.map(range -> write(writer, range, params, poll)).collect();
    }

    /** One partition per range, each with the preferred location the KafkaRDD gives its range. */
    private static JavaRDD<KafkaRange> placedLike(RDD<?> kafkaRdd, OffsetRange[] offsetRanges) {
        Partition[] partitions = kafkaRdd.partitions();
        List<Tuple2<KafkaRange, Seq<String>>> placed = new ArrayList<>(offsetRanges.length);
        for (int i = 0; i < offsetRanges.length; i++) {
            placed.add(new Tuple2<>(range(offsetRanges[i]), kafkaRdd.preferredLocations(partitions[i])));
        }
        RDD<KafkaRange> rdd = kafkaRdd.context().makeRDD(JavaConverters.asScalaBuffer(placed).toSeq(), RANGE_TAG);
        return JavaRDD.fromRDD(rdd, RANGE_TAG);
    }

    private static RangeResult write(OffsetRangeWriter writer, KafkaRange range, Map<String, Object> params,
                                     long pollMillis) {
        if (range.count() == 0) {
            return writer.write(range, Collections.emptyIterator());
        }
        TopicPartitionReader reader = TopicPartitionReaders.acquire(params,
                new TopicPartition(range.topic(), range.partition()));
        boolean readToEnd = false;
        try {
            Iterator<ConsumerRecord<byte[], byte[]>> records = reader.read(range, pollMillis);
            RangeResult result = writer.write(range, new MappedIterator(records));
            if (records.hasNext()) {
                throw new IllegalStateException("the writer stopped before the end of " + range);
            }
            readToEnd = true;
            return result;
        } finally {
            if (readToEnd) {
                TopicPartitionReaders.release(reader);
            } else {
                reader.close(); // its position and buffer are unknown after a failure
            }
        }
    }

    /** Converts lazily, so a range is never held twice in memory. */
    private record MappedIterator(Iterator<ConsumerRecord<byte[], byte[]>> records) implements Iterator<SourceRecord> {
        @Override
        public boolean hasNext() {
            return records.hasNext();
        }

        @Override
        public SourceRecord next() {
            return KafkaSource.toSource(records.next());
        }
    }
}
