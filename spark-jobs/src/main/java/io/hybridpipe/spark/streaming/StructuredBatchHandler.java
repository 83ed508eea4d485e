package io.hybridpipe.spark.streaming;

import java.io.Serializable;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.hybridpipe.spark.batch.BatchOutcome;
import io.hybridpipe.spark.batch.BatchPipeline;

/** {@code foreachBatch} of the Structured Streaming twin: the same writer and loader as the DStream job. */
final class StructuredBatchHandler implements VoidFunction2<Dataset<Row>, Long>, Serializable {

    private static final long serialVersionUID = 1L;

    // driver-only: foreachBatch runs on the driver
    private final transient BatchPipeline pipeline;
    private final transient Consumer<BatchOutcome> outcomes;

    StructuredBatchHandler(BatchPipeline pipeline, Consumer<BatchOutcome> outcomes) {
        this.pipeline = pipeline;
        this.outcomes = outcomes;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        JavaRDD<Row> rows = batch.selectExpr(RowRanges.COLUMNS).javaRDD();
        outcomes.accept(pipeline.run(Optional.empty(),
                writer -> rows.mapPartitions(part -> RowRanges.write(writer, part)).collect()));
    }
}
