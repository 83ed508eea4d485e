package io.hybridpipe.spark.reconcile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.hybridpipe.core.partition.FileNames;
import io.hybridpipe.spark.batch.BatchRanges;
import io.hybridpipe.spark.batch.RedshiftManifest;
import io.hybridpipe.spark.warehouse.LoadRequest;
import io.hybridpipe.spark.warehouse.LoadResult;
import io.hybridpipe.spark.warehouse.WarehouseLoader;
import io.hybridpipe.spark.writer.StorageLayout;
import io.hybridpipe.spark.writer.WrittenFile;

/**
 * {@code --repair --repair-target warehouse}: the missing tweets as one repair batch, loaded the way the streaming
 * job loads a batch (manifest, COPY into staging, MERGE on id, a {@code load_audit} row, one transaction). The
 * manifest is named from its files, so re-running the same repair finds it in {@code load_audit} and loads nothing.
 * The batch has no Kafka offsets: its {@code load_audit.offset_ranges} is {@code []}.
 */
public final class WarehouseRepair {

    private final RepairFileWriter fileWriter;
    private final WarehouseLoader loader;
    private final StorageLayout layout;
    private final HourRange range;
    private final Configuration conf;

    public WarehouseRepair(RepairFileWriter fileWriter, WarehouseLoader loader, StorageLayout layout, HourRange range,
                           Configuration conf) {
        this.fileWriter = fileWriter;
        this.loader = loader;
        this.layout = layout;
        this.range = range;
        this.conf = conf;
    }

    /** @param missing {@link IdComparison#missing()} */
    public RepairOutcome repair(Dataset<Row> missing, String runId) {
        long start = System.nanoTime();
        List<WrittenFile> files = new ArrayList<>(missing
                .groupBy(col("partition"), col(IdComparison.MISSING_IN_S3))
                .agg(sort_array(collect_list("id")).as("ids"))
                .javaRDD().map(fileWriter).collect());
        if (files.isEmpty()) {
            return new RepairOutcome(RepairTarget.warehouse, runId, 0, List.of(), null, 0, false, millisSince(start));
        }
        files.sort(Comparator.comparing(WrittenFile::uri));
        long rows = files.stream().mapToLong(WrittenFile::rows).sum();
        Path manifest = unloadedManifest(files);
        try {
            RedshiftManifest.write(conf, manifest, files);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the repair manifest " + manifest, e);
        }
        LoadResult load = loader.load(new LoadRequest(StorageLayout.warehouseUri(manifest.toString()),
                new BatchRanges(List.of()), rows, files.size()));
        return new RepairOutcome(RepairTarget.warehouse, runId, rows, files.stream().map(WrittenFile::uri).toList(),
                manifest.toString(), load.merged(), load.skipped(), millisSince(start));
    }

    /**
     * {@code repair-<sha256 of range and files>-<generation>.manifest}: the first generation not yet in
     * {@code load_audit}. A repair re-run after a crash gets the same name (and the audit check skips it if the load
     * had committed); the same tweets lost again after a completed repair get the next generation, so they are loaded.
     */
    private Path unloadedManifest(List<WrittenFile> files) {
        StringBuilder content = new StringBuilder(range.key());
        files.forEach(f -> content.append('\n').append(f.uri()));
        byte[] key = FileNames.sha256(content.toString().getBytes(StandardCharsets.UTF_8));
        for (int generation = 0; ; generation++) {
            Path manifest = new Path(layout.baseUri() + "/_manifests/"
                    + FileNames.forContent("repair", key, generation, "manifest"));
            if (!loader.alreadyLoaded(StorageLayout.warehouseUri(manifest.toString()))) {
                return manifest;
            }
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
