package io.hybridpipe.spark.batch;

/** The points of a batch at which it can die; the order is the order of a batch. */
public enum BatchStep {
    /** on an executor, rows already written to a Parquet file that is not closed yet */
    PARQUET_WRITE_IN_PROGRESS,
    /** every data file and quarantine file of the batch is on storage */
    FILES_WRITTEN,
    /** the manifest listing exactly those files is on storage, the warehouse load not started */
    MANIFEST_WRITTEN,
    /** the warehouse transaction committed, the Kafka offsets not yet */
    LOADED
}
