package io.hybridpipe.spark.reconcile;

import java.io.Serializable;

import io.hybridpipe.core.partition.PartitionPath;

/** One {@code dt=/hr=} folder that exists under a table's base, as a Hadoop URI. */
public record PartitionDirectory(PartitionPath partition, String uri) implements Serializable {
}
