package io.hybridpipe.spark.streaming;

import java.io.Serializable;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.kafka010.CanCommitOffsets;
import org.apache.spark.streaming.kafka010.HasOffsetRanges;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.spark.batch.BatchOutcome;
import io.hybridpipe.spark.batch.BatchPipeline;

/**
 * One DStream batch: write, load, and only then {@code commitAsync} its offsets. After a failed batch
 * every later batch refuses to run: Spark Streaming would otherwise go on with the next offsets and
 * commit past the failed ones, losing them. The job stops; a restart replays from the batch in flight.
 */
final class DStreamBatchHandler implements VoidFunction2<JavaRDD<ConsumerRecord<byte[], byte[]>>, Time>, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DStreamBatchHandler.class);

    // driver-only state: foreachRDD functions run on the driver and are never deserialised without checkpointing
    private final transient BatchPipeline pipeline;
    private final transient KafkaRddWriter rangeWriter;
    private final transient CanCommitOffsets committer;
    private final transient AtomicReference<Throwable> failure = new AtomicReference<>();
    private final transient Consumer<BatchOutcome> outcomes;
    private final transient LoadedOffsets loaded;

    DStreamBatchHandler(BatchPipeline pipeline, KafkaRddWriter rangeWriter, CanCommitOffsets committer,
                        LoadedOffsets loaded, Consumer<BatchOutcome> outcomes) {
        this.pipeline = pipeline;
        this.rangeWriter = rangeWriter;
        this.committer = committer;
        this.loaded = loaded;
        this.outcomes = outcomes;
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public void call(JavaRDD<ConsumerRecord<byte[], byte[]>> rdd, Time time) {
        Throwable earlier = failure.get();
        if (earlier != null) {
            throw new IllegalStateException("an earlier batch failed; refusing to run past it", earlier);
        }
        OffsetRange[] offsets = ((HasOffsetRanges) rdd.rdd()).offsetRanges();
        try {
            BatchOutcome outcome = pipeline.run(Optional.of(KafkaRddWriter.ranges(offsets)),
                    rangeWriter.executor(rdd, offsets));
            loaded.loadedUpTo(KafkaRddWriter.untilOffsets(offsets));
            committer.commitAsync(offsets, (committed, error) -> {
                if (error != null) {
                    // the next successful commit covers these offsets; a replay before it is skipped by load_audit
                    LOG.warn("offset commit failed (will be covered by the next batch): {}", error.toString());
                }
            });
            outcomes.accept(outcome);
        } catch (Throwable e) { // NOPMD: Spark throws its checked SparkException undeclared through Java APIs
            failure.compareAndSet(null, e);
            LOG.error("batch {} failed; the job stops and its offsets stay uncommitted", time, e);
            throw e instanceof RuntimeException re ? re : new IllegalStateException("batch " + time + " failed", e);
        }
    }
}
