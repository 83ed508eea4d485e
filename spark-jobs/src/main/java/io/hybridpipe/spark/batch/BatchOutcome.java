package io.hybridpipe.spark.batch;

/**
 * What one batch did. {@code skipped}: its manifest was already in the warehouse (a replay), nothing
 * loaded again. Quarantined records are counted in {@code invalidRecords}.
 */
public record BatchOutcome(BatchRanges ranges, long validRows, long invalidRecords, int files, long mergedRows,
                           boolean skipped, long millis, long warehouseMillis) {

    public static BatchOutcome empty(BatchRanges ranges) {
        return new BatchOutcome(ranges, 0, 0, 0, 0, false, 0, 0);
    }
}
