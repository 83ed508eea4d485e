package io.hybridpipe.spark.reconcile;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.hybridpipe.core.partition.PartitionPath;

/**
 * The outcome of one run: a row per partition that exists on any side, what was read, and the repair if one ran.
 *
 * @param rawInputs the raw partition folders read (only the range's)
 * @param s3Inputs  the S3 partition folders read (only the range's; empty when S3 was not compared)
 */
public record ReconcileReport(String runId, String range, Set<CloudSide> cloud, Instant startedAt, long millis,
                              List<PartitionReport> partitions, List<String> rawInputs, List<String> s3Inputs,
                              Optional<RepairOutcome> repair) {

    public static final Comparator<PartitionPath> PARTITION_ORDER = Comparator.comparing(PartitionPath::path);

    public ReconcileReport {
        cloud = Set.copyOf(cloud);
        partitions = List.copyOf(partitions);
        rawInputs = List.copyOf(rawInputs);
        s3Inputs = List.copyOf(s3Inputs);
    }

    public boolean matches() {
        return partitions.stream().allMatch(PartitionReport::matches);
    }

    public Optional<PartitionReport> partition(String path) {
        return partitions.stream().filter(p -> p.partition().equals(path)).findFirst();
    }

    public long total(java.util.function.ToLongFunction<PartitionReport> figure) {
        return partitions.stream().mapToLong(figure).sum();
    }

    ReconcileReport withRepair(RepairOutcome outcome) {
        return new ReconcileReport(runId, range, cloud, startedAt, millis, partitions, rawInputs, s3Inputs,
                Optional.of(outcome));
    }
}
