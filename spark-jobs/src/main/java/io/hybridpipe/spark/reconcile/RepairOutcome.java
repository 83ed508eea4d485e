package io.hybridpipe.spark.reconcile;

import java.util.List;

/**
 * What {@code --repair} did.
 *
 * @param tweets       raw tweets re-published (kafka) or written into the repair batch (warehouse)
 * @param files        the repair batch's data files (warehouse target), Hadoop URIs
 * @param manifest     the repair batch's manifest (warehouse target), or null
 * @param mergedRows   rows the warehouse MERGE inserted or updated (warehouse target)
 * @param alreadyLoaded the manifest was already in {@code load_audit}: nothing loaded again
 */
public record RepairOutcome(RepairTarget target, String runId, long tweets, List<String> files, String manifest,
                            long mergedRows, boolean alreadyLoaded, long millis) {

    public RepairOutcome {
        files = List.copyOf(files);
    }
}
