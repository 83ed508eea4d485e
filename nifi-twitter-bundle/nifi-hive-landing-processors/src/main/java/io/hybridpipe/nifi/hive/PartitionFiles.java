package io.hybridpipe.nifi.hive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;

import io.hybridpipe.core.partition.FileNames;
import io.hybridpipe.core.partition.PartitionPath;

/**
 * The Parquet files of one FlowFile, opened as its rows arrive: per partition, files of at most {@code maxRowsPerFile}
 * rows in input order, named from the content hash and the file's index within its partition, so the same content
 * and setting always give the same names. A file an earlier delivery already landed is skipped, not rewritten.
 */
final class PartitionFiles {

    static final String KIND = "tweets";
    static final String EXTENSION = "parquet";

    /** What landed: the files' paths and the partitions in the order they first appeared, and the row count. */
    record Landed(List<String> targetPaths, List<PartitionPath> partitions, int rows, int alreadyLanded) {
    }

    private final ParquetLandingWriter writer;
    private final String tableLocation;
    private final byte[] contentSha256;
    private final int maxRowsPerFile;
    private final Map<PartitionPath, Partition> partitions = new LinkedHashMap<>();
    private int rows;
    private int alreadyLanded;

    PartitionFiles(ParquetLandingWriter writer, String tableLocation, byte[] contentSha256, int maxRowsPerFile) {
        this.writer = writer;
        this.tableLocation = tableLocation;
        this.contentSha256 = contentSha256;
        this.maxRowsPerFile = maxRowsPerFile;
    }

    void write(PartitionPath partition, GenericRecord record) throws IOException {
        Partition p = partitions.computeIfAbsent(partition, Partition::new);
        if (p.rowsInFile == maxRowsPerFile) {
            p.commit();
        }
        if (p.rowsInFile == 0) {
            p.open();
        }
        if (p.file != null) {
            p.file.write(record);
        }
        p.rowsInFile++;
        rows++;
    }

    /** Commits every file still open. */
    Landed commit() throws IOException {
        List<String> targets = new ArrayList<>();
        for (Partition p : partitions.values()) {
            p.commit();
            targets.addAll(p.targets);
        }
        return new Landed(targets, List.copyOf(partitions.keySet()), rows, alreadyLanded);
    }

    /** Gives up every file still open after {@code cause}; none of them becomes visible. */
    void abort(Exception cause) {
        for (Partition p : partitions.values()) {
            if (p.file != null) {
                p.file.abort(cause);
                p.file = null;
            }
        }
    }

    private final class Partition {
        private final PartitionPath path;
        private final List<String> targets = new ArrayList<>();
        private ParquetLandingWriter.OpenFile file;
        private int rowsInFile;

        Partition(PartitionPath path) {
            this.path = path;
        }

        void open() throws IOException {
            String dir = tableLocation + "/" + path.path();
            String name = FileNames.forContent(KIND, contentSha256, targets.size(), EXTENSION);
            targets.add(dir + "/" + name);
            file = writer.open(new Path(dir), name);
            if (file == null) {
                alreadyLanded++;
            }
        }

        void commit() throws IOException {
            if (file != null) {
                ParquetLandingWriter.OpenFile committing = file;
                file = null;
                if (!committing.commit()) {
                    alreadyLanded++;
                }
            }
            rowsInFile = 0;
        }
    }
}
