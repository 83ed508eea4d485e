package io.hybridpipe.spark.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.spark.JobComponents;
import io.hybridpipe.spark.writer.HadoopConf;
import io.hybridpipe.spark.writer.ParquetTweetFormat;
import io.hybridpipe.spark.writer.StorageLayout;

/**
 * One reconcile run: list the range's folders on both sides, read the ids, compare them with Spark, ask Hive which
 * partitions it knows, and repair when asked. "In the cloud but not in raw" is only ever reported, never deleted.
 */
public final class ReconcileJob {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileJob.class);

    /** What to compare and whether to repair. */
    public record Request(HourRange range, Set<CloudSide> cloud, boolean repair, RepairTarget target, int sampleSize) {
        public Request {
            if (cloud.isEmpty()) {
                throw new IllegalArgumentException("--cloud must name s3, warehouse or both");
            }
            if (sampleSize < 0) {
                throw new IllegalArgumentException("--sample-ids must not be negative, was " + sampleSize);
            }
            cloud = Set.copyOf(EnumSet.copyOf(cloud));
        }
    }

    private final SparkSession spark;
    private final ReconcileSettings settings;

    public ReconcileJob(SparkSession spark, ReconcileSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    public ReconcileReport run(Request request) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        String runId = "reconcile-" + request.range().key() + "@" + startedAt;
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        HourRange range = request.range();
        boolean s3 = request.cloud().contains(CloudSide.s3);
        boolean warehouse = request.cloud().contains(CloudSide.warehouse);

        List<PartitionDirectory> rawDirs = list(conf, settings.rawLocation(), range, "raw layer");
        List<PartitionDirectory> s3Dirs = s3 ? list(conf, settings.storageBase(), range, "S3") : List.of();
        Set<PartitionPath> registered = HivePartitions.registered(settings, range);
        LOG.info("reconciling {}: {} raw partition folders, {} S3 folders, {} partitions registered in Hive",
                range, rawDirs.size(), s3Dirs.size(), registered.size());

        Optional<Dataset<Row>> warehouseIds = warehouse ? Optional.of(WarehouseIds.read(spark, settings, range)) : Optional.empty();
        ReconcileReport report;
        try (IdComparison comparison = new IdComparison(ParquetIds.read(spark, settings.rawLocation(), rawDirs),
                s3 ? Optional.of(ParquetIds.read(spark, settings.storageBase(), s3Dirs)) : Optional.empty(), warehouseIds)) {
            List<PartitionReport> partitions = partitionReports(comparison, registered, request);
            report = new ReconcileReport(runId, range.key(), request.cloud(), startedAt, 0, partitions,
                    rawDirs.stream().map(PartitionDirectory::uri).toList(),
                    s3Dirs.stream().map(PartitionDirectory::uri).toList(), Optional.empty());
            if (request.repair() && hasMissing(report)) {
                report = report.withRepair(repair(comparison.missing(), request, runId, conf));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ReconcileReport(report.runId(), report.range(), report.cloud(), startedAt, millis, report.partitions(),
                report.rawInputs(), report.s3Inputs(), report.repair());
    }

    private static boolean hasMissing(ReconcileReport report) {
        return report.total(PartitionReport::missingInS3) + report.total(PartitionReport::missingInWarehouse) > 0;
    }

    private RepairOutcome repair(Dataset<Row> missing, Request request, String runId, Configuration conf) {
        RawTweets raw = new RawTweets(settings.rawLocation(), new HadoopConf(conf));
        if (request.target() == RepairTarget.kafka) {
            long start = System.nanoTime();
            long published = new KafkaRepublisher(raw, settings, runId).publish(missing);
            LOG.info("re-published {} missing tweets to {}", published, settings.onpremTopic());
            return new RepairOutcome(RepairTarget.kafka, runId, published, List.of(), null, 0, false,
                    (System.nanoTime() - start) / 1_000_000);
        }
        StorageLayout layout = new StorageLayout(settings.storageBase());
        RepairFileWriter writer = new RepairFileWriter(raw, layout.baseUri(), request.range(), new HadoopConf(conf));
        WarehouseRepair repair = new WarehouseRepair(writer,
                JobComponents.loader(settings.settings(), conf, new ParquetTweetFormat()), layout, request.range(), conf);
        RepairOutcome outcome = repair.repair(missing, runId);
        LOG.info("repair batch {}: {} tweets in {} files, {} merged{}", outcome.manifest(), outcome.tweets(),
                outcome.files().size(), outcome.mergedRows(), outcome.alreadyLoaded() ? " (already loaded)" : "");
        return outcome;
    }

    private static List<PartitionDirectory> list(Configuration conf, String base, HourRange range, String what) {
        try {
            return new PartitionLister(conf).existing(base, range);
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot list the " + what + " partitions under " + base + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<PartitionReport> partitionReports(IdComparison comparison, Set<PartitionPath> registered,
                                                          Request request) {
        int sampleSize = request.sampleSize();
        List<Row> counts = comparison.countsPerPartition(); // first: it fills the comparison's cache
        boolean anyDifference = counts.stream().anyMatch(r -> IdComparison.KINDS.stream().anyMatch(k -> longOf(r, k) > 0));
        Map<String, Map<String, List<String>>> samples = new HashMap<>();
        if (sampleSize > 0 && anyDifference) {
            for (Row r : comparison.samples(sampleSize)) {
                samples.computeIfAbsent(r.getString(0), p -> new TreeMap<>())
                        .computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
            }
        }
        Set<String> registeredPaths = new TreeSet<>();
        registered.forEach(p -> registeredPaths.add(p.path()));
        Map<String, PartitionReport> out = new TreeMap<>();
        for (Row r : counts) {
            String partition = r.getAs("partition");
            out.put(partition, new PartitionReport(partition, registeredPaths.contains(partition), r.<Long>getAs("raw"),
                    r.getAs("s3"), r.getAs("warehouse"), longOf(r, IdComparison.MISSING_IN_S3),
                    longOf(r, IdComparison.MISSING_IN_WAREHOUSE), longOf(r, IdComparison.NOT_IN_RAW),
                    longOf(r, IdComparison.DUPLICATED_IN_S3), longOf(r, IdComparison.DUPLICATED_IN_WAREHOUSE),
                    samples.getOrDefault(partition, Map.of())));
        }
        // registered in Hive but empty everywhere: listed, so a user sees Hive's view of the whole range
        for (String partition : registeredPaths) {
            out.putIfAbsent(partition, new PartitionReport(partition, true, 0,
                    request.cloud().contains(CloudSide.s3) ? 0L : null,
                    request.cloud().contains(CloudSide.warehouse) ? 0L : null, 0, 0, 0, 0, 0, Map.of()));
        }
        return new ArrayList<>(out.values());
    }

    private static long longOf(Row r, String column) {
        int i;
        try {
            i = r.fieldIndex(column);
        } catch (IllegalArgumentException notCompared) {
            return 0;
        }
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }
}
