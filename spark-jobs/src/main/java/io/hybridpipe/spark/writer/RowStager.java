package io.hybridpipe.spark.writer;

import java.io.Serializable;
import java.util.List;

import org.apache.avro.generic.GenericRecord;

/**
 * Executor side of a warehouse that cannot read the data files itself: after a task has written its files, it hands
 * their rows over here, keyed by each file's warehouse URI, so the driver's load transaction needs no read-back.
 * Staging must be idempotent per file (a re-run task replaces the rows of its files, never adds to them).
 */
@FunctionalInterface
public interface RowStager extends Serializable {

    /** The warehouse stages from the files (Redshift COPY, or the driver-side read-back). */
    RowStager NONE = NoStaging.INSTANCE;

    /** @param warehouseUri the file as the manifest lists it ({@code s3://...}); rows in the canonical schema */
    record FileRows(String warehouseUri, List<GenericRecord> rows) {
    }

    void stage(List<FileRows> files);

    /** False only for {@link #NONE}: the load then reads the rows from the manifest's files. */
    default boolean stagesRows() {
        return true;
    }

    /** An enum, so it stays the one instance after Spark serialises it to an executor. */
    enum NoStaging implements RowStager {
        INSTANCE;

        @Override
        public void stage(List<FileRows> files) {
            // nothing to do: the files are the only copy of the rows
        }

        @Override
        public boolean stagesRows() {
            return false;
        }
    }
}
