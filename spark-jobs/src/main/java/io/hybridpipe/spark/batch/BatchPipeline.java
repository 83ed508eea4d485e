package io.hybridpipe.spark.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.spark.warehouse.LoadRequest;
import io.hybridpipe.spark.warehouse.LoadResult;
import io.hybridpipe.spark.warehouse.WarehouseLoader;
import io.hybridpipe.spark.writer.OffsetRangeWriter;
import io.hybridpipe.spark.writer.RangeResult;
import io.hybridpipe.spark.writer.StorageLayout;
import io.hybridpipe.spark.writer.WrittenFile;

/**
 * Driver side of a batch, shared by the DStream job and its Structured Streaming twin:
 * files on storage -> a manifest of exactly those files -> the warehouse transaction. The caller commits
 * the source offsets only after {@link #run} returns; anything thrown means "not done, run it again".
 */
public final class BatchPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(BatchPipeline.class);

    private final OffsetRangeWriter writer;
    private final WarehouseLoader loader;
    private final Configuration conf;
    private final CrashPoints crashPoints;

    public BatchPipeline(OffsetRangeWriter writer, WarehouseLoader loader, Configuration conf, CrashPoints crashPoints) {
        this.writer = writer;
        this.loader = loader;
        this.conf = conf;
        this.crashPoints = crashPoints;
    }

    public StorageLayout layout() {
        return writer.layout();
    }

    public BatchIntentLog intentLog() {
        return new BatchIntentLog(conf, layout().intent());
    }

    public String manifestUri(BatchRanges ranges) {
        return StorageLayout.warehouseUri(layout().manifest(ranges).toString());
    }

    public boolean alreadyLoaded(BatchRanges ranges) {
        return loader.alreadyLoaded(manifestUri(ranges));
    }

    /**
     * @param knownRanges the batch's offset ranges when the source says them up front (DStream); they are
     *                    recorded as the batch in flight before any file is written. Empty when only the
     *                    data tells them (Structured Streaming, whose checkpoint replays a batch exactly).
     */
    public BatchOutcome run(Optional<BatchRanges> knownRanges, RangeExecutor executor) {
        long start = System.nanoTime();
        if (knownRanges.isPresent()) {
            BatchRanges ranges = knownRanges.get();
            if (ranges.isEmpty()) {
                return BatchOutcome.empty(ranges);
            }
            if (alreadyLoaded(ranges)) {
                LOG.info("batch {} is already in the warehouse: skipped", ranges.ranges());
                return new BatchOutcome(ranges, 0, 0, 0, 0, true, millisSince(start), 0);
            }
            try {
                intentLog().record(ranges);
            } catch (IOException e) {
                throw new UncheckedIOException("could not record the batch in flight at " + layout().intent(), e);
            }
        }
        List<RangeResult> results = executor.writeAll(writer);
        BatchRanges ranges = knownRanges.orElseGet(() -> new BatchRanges(results.stream().map(RangeResult::range).toList()));
        if (ranges.isEmpty()) {
            return BatchOutcome.empty(ranges);
        }
        crashPoints.reached(BatchStep.FILES_WRITTEN);

        List<WrittenFile> files = new ArrayList<>();
        long valid = 0;
        long invalid = 0;
        for (RangeResult r : results) {
            files.addAll(r.files());
            valid += r.validRows();
            invalid += r.invalidRows();
        }
        Path manifest = layout().manifest(ranges);
        try {
            RedshiftManifest.write(conf, manifest, files);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the manifest " + manifest, e);
        }
        crashPoints.reached(BatchStep.MANIFEST_WRITTEN);

        long loadStart = System.nanoTime();
        LoadRequest request = writer.stagesRows()
                ? new LoadRequest(manifestUri(ranges), ranges, valid, files.size(), files)
                : new LoadRequest(manifestUri(ranges), ranges, valid, files.size());
        LoadResult load = loader.load(request);
        long loadMillis = millisSince(loadStart);
        crashPoints.reached(BatchStep.LOADED);
        BatchOutcome outcome = new BatchOutcome(ranges, valid, invalid, files.size(), load.merged(), load.skipped(),
                millisSince(start), loadMillis);
        LOG.info("batch of {} records: {} rows in {} files, {} quarantined, {} merged{} in {} ms (warehouse {} ms)",
                ranges.recordCount(), valid, files.size(), invalid, load.merged(), load.skipped() ? " (already loaded)" : "",
                outcome.millis(), loadMillis);
        return outcome;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
