package io.hybridpipe.spark.writer;

import java.io.Serializable;

/** A data file of a batch: where it is (a Hadoop URI, e.g. {@code s3a://...}), its size and row count. */
public record WrittenFile(String uri, long bytes, long rows) implements Serializable {
}
