package io.hybridpipe.spark.writer;

import java.io.Serializable;
import java.net.URI;

import org.apache.hadoop.fs.Path;

import io.hybridpipe.core.partition.FileNames;
import io.hybridpipe.spark.batch.BatchRanges;
import io.hybridpipe.spark.batch.KafkaRange;

/**
 * Where a batch's objects live under the base URI (the Storage seam of kafka-connect-storage-common).
 * Data under {@code dt=/hr=}; quarantine, manifests and the batch intent under {@code _}-prefixed
 * directories, which Hive, Spark and Athena skip when they scan the table.
 */
public record StorageLayout(String baseUri) implements Serializable {

    public StorageLayout {
        URI uri = URI.create(baseUri);
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException("storage base must be a URI like s3a://bucket/tweets, was " + baseUri);
        }
        baseUri = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
    }

    public Path dataFile(String partitionDirectory, KafkaRange range, String extension) {
        return new Path(baseUri + "/" + partitionDirectory + "/" + range.fileName(extension));
    }

    public Path invalidFile(KafkaRange range) {
        return new Path(baseUri + "/_invalid/" + range.fileName("jsonl"));
    }

    public Path manifest(BatchRanges batch) {
        return new Path(baseUri + "/_manifests/" + FileNames.forContent("batch", batch.key(), 0, "manifest"));
    }

    /** The ranges of the batch in flight, written before its first data file (see BatchIntentLog). */
    public Path intent() {
        return new Path(baseUri + "/_batches/in-flight.json");
    }

    /** Redshift reads {@code s3://}; Hadoop writes {@code s3a://} (or {@code s3n://}). */
    public static String warehouseUri(String hadoopUri) {
        return hadoopUri.replaceFirst("^s3[an]://", "s3://");
    }

    public static String hadoopUri(String warehouseUri) {
        return warehouseUri.replaceFirst("^s3://", "s3a://");
    }
}
