package io.hybridpipe.spark.reconcile;

/** The Kafka header a re-published tweet carries beside the ingest headers of {@code IngestHeaders}. */
public final class RepairHeaders {

    /** The reconcile run that re-published the record (UTF-8). */
    public static final String REPAIR = "hybridpipe.repair";

    private RepairHeaders() {
    }
}
