package io.hybridpipe.mirror.check;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What mirror-check compares and how strict it is.
 *
 * @param topics           source topics to check
 * @param groups           consumer groups whose checkpoint-translated offsets are checked
 * @param sampleSize       records compared by content at the head and at the tail of each partition
 * @param toleranceRecords largest per-partition difference in record count still called "in sync"
 * @param maxLagMs         largest replication lag (ms between newest source and newest target record) still
 *                         called "in sync"; negative: not checked
 * @param maxGroupReplay   largest number of records a group may re-read after failing over; negative: not checked
 * @param exactCount       count records by reading them instead of from offsets (needed when a side is
 *                         transactional or compacted, where offsets are not records)
 */
public record CheckSettings(Pattern topics, List<String> groups, int sampleSize, long toleranceRecords,
                            long maxLagMs, long maxGroupReplay, boolean exactCount, Duration timeout) {

    public CheckSettings {
        groups = List.copyOf(groups);
        if (sampleSize < 0 || toleranceRecords < 0) {
            throw new IllegalArgumentException("sample size and tolerance must not be negative");
        }
    }
}
