package io.hybridpipe.spark.batch;

import java.util.List;

import io.hybridpipe.spark.writer.OffsetRangeWriter;
import io.hybridpipe.spark.writer.RangeResult;

/** Runs the writer over a batch's records on the executors; one implementation per Spark API. */
@FunctionalInterface
public interface RangeExecutor {

    List<RangeResult> writeAll(OffsetRangeWriter writer);
}
