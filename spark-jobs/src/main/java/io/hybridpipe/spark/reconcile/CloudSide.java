package io.hybridpipe.spark.reconcile;

/** Which copy of the cloud layer a run compares with the raw layer ({@code --cloud s3,warehouse}). */
public enum CloudSide {
    /** the Parquet objects under {@code hybridpipe.storage.base} */
    s3,
    /** the tweets table, over JDBC */
    warehouse
}
