package io.hybridpipe.spark.warehouse;

import java.io.Serializable;
import java.util.List;

import io.hybridpipe.spark.batch.BatchRanges;
import io.hybridpipe.spark.writer.WrittenFile;

/**
 * One batch for the warehouse.
 *
 * @param manifestUri the manifest in the warehouse's own form ({@code s3://bucket/key})
 * @param rows        valid rows written to the manifest's files (quarantined records excluded)
 * @param fileCount   number of files the manifest lists (0 when every record was quarantined)
 * @param stagedFiles the manifest's files when executors already copied their rows into the staging table
 *                    ({@link PostgresRowStager}); empty when the dialect stages from the manifest itself
 */
public record LoadRequest(String manifestUri, BatchRanges ranges, long rows, int fileCount, List<WrittenFile> stagedFiles)
        implements Serializable {

    public LoadRequest {
        stagedFiles = List.copyOf(stagedFiles);
        if (!stagedFiles.isEmpty() && stagedFiles.size() != fileCount) {
            throw new IllegalArgumentException("the manifest lists " + fileCount + " files but " + stagedFiles.size()
                    + " were staged");
        }
    }

    /** A batch whose rows the dialect stages from the manifest's files. */
    public LoadRequest(String manifestUri, BatchRanges ranges, long rows, int fileCount) {
        this(manifestUri, ranges, rows, fileCount, List.of());
    }

    public boolean stagedByExecutors() {
        return !stagedFiles.isEmpty();
    }
}
