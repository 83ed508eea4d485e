package io.hybridpipe.spark.reconcile;

/** Where {@code --repair} sends the missing tweets. */
public enum RepairTarget {
    /** re-publish the raw payloads to the on-prem topic; they travel the normal path to S3 and the warehouse */
    kafka,
    /** write a repair batch (S3 Parquet + manifest) and load it like the streaming job does */
    warehouse
}
