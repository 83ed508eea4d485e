package io.hybridpipe.spark.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.CanCommitOffsets;
import org.apache.spark.streaming.kafka010.ConsumerStrategies;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.spark.batch.BatchOutcome;
import io.hybridpipe.spark.batch.BatchPipeline;
import io.hybridpipe.spark.batch.BatchRanges;
import io.hybridpipe.spark.batch.KafkaRange;
import io.hybridpipe.spark.config.JobSettings;

/**
 * The cloud streaming job on spark-streaming-kafka-0-10: a direct stream from the {@code aws} cluster,
 * each batch through {@link BatchPipeline}, offsets committed after the warehouse load. On start, a batch
 * left in flight by a crash is first re-run with exactly its recorded ranges, and the stream resumes
 * after them.
 */
// the DStream API is deprecated in Spark 3.5 but shipped and required here (issue 5); see README for the twin
@SuppressWarnings("deprecation")
public final class DStreamJob {

    private static final Logger LOG = LoggerFactory.getLogger(DStreamJob.class);

    private DStreamJob() {
    }

    /** A started job. */
    public record Running(JavaStreamingContext context, DStreamBatchHandler handler, LoadedOffsets loaded) {
        public Optional<Throwable> failure() {
            return handler.failure();
        }

        /**
         * What SIGTERM does: Spark's shutdown hook stops the streaming context, gracefully by default
         * (the batch in flight finishes, see {@link StreamingSparkConf}); then the offsets of every loaded
         * batch are committed, the last one included, which {@code commitAsync} alone would leave queued.
         * Stopping an already stopped context is a no-op, so this also runs after Spark's own hook.
         */
        public void stopLikeShutdownHook() {
            boolean graceful = context.sparkContext().getConf().getBoolean("spark.streaming.stopGracefullyOnShutdown", false);
            context.stop(false, graceful);
            loaded.commitSync();
        }

        /** After the context stopped for any reason: commit what the warehouse holds. */
        public boolean commitLoadedOffsets() {
            return loaded.commitSync();
        }
    }

    public static Running start(JavaStreamingContext ssc, JobSettings settings, BatchPipeline pipeline,
                                Consumer<BatchOutcome> outcomes) {
        Map<String, Object> params = KafkaSource.consumerParams(settings);
        KafkaRddWriter rangeWriter = new KafkaRddWriter(params, StreamingSparkConf.kafkaPollMillis(ssc.sparkContext().getConf()));
        Map<TopicPartition, Long> resumeAt = finishBatchInFlight(ssc.sparkContext(), params, pipeline, rangeWriter);
        LoadedOffsets loaded = new LoadedOffsets(params);
        loaded.loadedUpTo(resumeAt);
        // the batch in flight is in the warehouse: commit after it before the stream joins the group
        loaded.commitSync();
        JavaInputDStream<ConsumerRecord<byte[], byte[]>> stream = KafkaUtils.createDirectStream(ssc,
                LocationStrategies.PreferConsistent(),
                ConsumerStrategies.<byte[], byte[]>Subscribe(KafkaSource.topics(settings), params, resumeAt));
        DStreamBatchHandler handler = new DStreamBatchHandler(pipeline, rangeWriter, (CanCommitOffsets) stream.inputDStream(),
                loaded, outcomes);
        stream.foreachRDD(handler);
        ssc.start();
        return new Running(ssc, handler, loaded);
    }

    /**
     * Re-runs the recorded batch in flight if the warehouse does not have it yet; returns where each of its
     * partitions resumes (the other partitions resume at the group's committed offsets).
     */
    static Map<TopicPartition, Long> finishBatchInFlight(JavaSparkContext jsc, Map<String, Object> params,
                                                        BatchPipeline pipeline, KafkaRddWriter rangeWriter) {
        Optional<BatchRanges> inFlight;
        try {
            inFlight = pipeline.intentLog().last();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the batch in flight at " + pipeline.layout().intent(), e);
        }
        Map<TopicPartition, Long> resumeAt = new HashMap<>();
        if (inFlight.isEmpty()) {
            return resumeAt;
        }
        BatchRanges ranges = inFlight.get();
        if (!pipeline.alreadyLoaded(ranges)) {
            LOG.info("re-running the batch left in flight: {}", ranges.ranges());
            OffsetRange[] offsets = ranges.ranges().stream()
                    .map(r -> OffsetRange.create(r.topic(), r.partition(), r.fromOffset(), r.untilOffset()))
                    .toArray(OffsetRange[]::new);
            // only for the placement of the range tasks: the KafkaRDD is never iterated (see KafkaRddWriter)
            JavaRDD<ConsumerRecord<byte[], byte[]>> rdd = KafkaUtils.createRDD(jsc, new HashMap<>(params), offsets,
                    LocationStrategies.PreferConsistent());
            pipeline.run(Optional.of(ranges), rangeWriter.executor(rdd, offsets));
        }
        for (KafkaRange r : ranges.ranges()) {
            resumeAt.put(new TopicPartition(r.topic(), r.partition()), r.untilOffset());
        }
        return resumeAt;
    }
}
