package io.hybridpipe.mirror.check;

import java.util.List;

/** Everything mirror-check found; {@link #inSync()} decides the exit code. */
public record CheckReport(String source, String target, List<PartitionResult> partitions, List<GroupResult> groups,
                          List<String> problems) {

    public boolean inSync() {
        return problems.isEmpty()
                && partitions.stream().allMatch(PartitionResult::inSync)
                && groups.stream().allMatch(GroupResult::inSync);
    }

    public long sourceRecords() {
        return partitions.stream().mapToLong(PartitionResult::sourceRecords).sum();
    }

    public long targetRecords() {
        return partitions.stream().mapToLong(PartitionResult::targetRecords).sum();
    }
}
