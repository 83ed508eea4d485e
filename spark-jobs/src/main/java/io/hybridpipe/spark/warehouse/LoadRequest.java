package io.hybridpipe.spark.warehouse;

import java.io.Serializable;

import io.hybridpipe.spark.batch.BatchRanges;

/**
 * One batch for the warehouse.
 *
 * @param manifestUri the manifest in the warehouse's own form ({@code s3://bucket/key})
 * @param rows        valid rows written to the manifest's files (quarantined records excluded)
 * @param fileCount   number of files the manifest lists (0 when every record was quarantined)
 */
public record LoadRequest(String manifestUri, BatchRanges ranges, long rows, int fileCount) implements Serializable {
}
