package io.hybridpipe.spark.streaming;

import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import io.hybridpipe.spark.batch.BatchOutcome;
import io.hybridpipe.spark.batch.BatchPipeline;
import io.hybridpipe.spark.config.JobSettings;

/**
 * The Structured Streaming twin (spark-sql-kafka-0-10): offsets live in the query's checkpoint (S3 or
 * HDFS), which re-runs an unfinished micro-batch with exactly the same offsets after a crash; each
 * micro-batch goes through the same {@link BatchPipeline} as the DStream job via {@code foreachBatch}.
 */
public final class StructuredStreamingJob {

    private StructuredStreamingJob() {
    }

    public static StreamingQuery start(SparkSession spark, JobSettings settings, BatchPipeline pipeline,
                                       Consumer<BatchOutcome> outcomes) throws TimeoutException {
        DataStreamReader reader = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", settings.required("hybridpipe.kafka.bootstrap.servers"))
                .option("subscribe", String.join(",", KafkaSource.topics(settings)))
                .option("startingOffsets", settings.get("hybridpipe.kafka.auto.offset.reset", "earliest"))
                .option("includeHeaders", "true")
                .option("kafka.isolation.level", "read_committed")
                .option("failOnDataLoss", "true")
                .option("maxOffsetsPerTrigger", settings.get("hybridpipe.kafka.max-offsets-per-trigger", "200000"));
        settings.withPrefix("hybridpipe.kafka.consumer.").forEach((k, v) -> reader.option("kafka." + k, v));
        return reader.load().writeStream()
                .queryName(settings.get("hybridpipe.structured.query-name", "hybridpipe-tweets"))
                .option("checkpointLocation", settings.required("hybridpipe.structured.checkpoint"))
                .trigger(Trigger.ProcessingTime(settings.getDuration("hybridpipe.batch.interval",
                        java.time.Duration.ofSeconds(10)).toMillis()))
                .foreachBatch(new StructuredBatchHandler(pipeline, outcomes))
                .start();
    }
}
