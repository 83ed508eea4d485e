package io.hybridpipe.spark.reconcile;

import java.util.List;
import java.util.Map;

/**
 * One {@code dt=/hr=} partition of a run. Counts are distinct tweet ids; a side that was not compared is null.
 *
 * @param hiveRegistered whether Hive knows the partition (a folder Hive does not know is invisible to Hive queries;
 *                       its ids still count as raw)
 * @param samples        per kind of difference ({@link IdComparison#MISSING_IN_S3} ...), the smallest ids, bounded
 */
public record PartitionReport(String partition, boolean hiveRegistered, long raw, Long s3, Long warehouse,
                              long missingInS3, long missingInWarehouse, long notInRaw, long duplicatedInS3,
                              long duplicatedInWarehouse, Map<String, List<String>> samples) {

    public PartitionReport {
        samples = Map.copyOf(samples);
    }

    /**
     * The cloud holds exactly the raw ids, the warehouse none twice, and Hive knows the partition. Ids twice in S3
     * are reported but do not count: the streaming job writes a re-delivered tweet again and the warehouse MERGE
     * absorbs it (a reader of the S3 files directly sees it twice).
     */
    public boolean matches() {
        return missingInS3 == 0 && missingInWarehouse == 0 && notInRaw == 0 && duplicatedInWarehouse == 0
                && (raw == 0 || hiveRegistered);
    }

    public List<String> sample(String kind) {
        return samples.getOrDefault(kind, List.of());
    }
}
