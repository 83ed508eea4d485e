package io.hybridpipe.mirror.check;

import java.util.ArrayList;
import java.util.List;

/** Source and target of one topic-partition side by side, and why they do not agree (empty when in sync). */
public record PartitionResult(String sourceTopic, String targetTopic, int partition,
                              long sourceStartOffset, long sourceEndOffset, long sourceRecords,
                              long targetStartOffset, long targetEndOffset, long targetRecords,
                              long lagRecords, long lagMs, int sampled, int sampleMissing, boolean sampleOrderOk,
                              List<String> problems) {

    public boolean inSync() {
        return problems.isEmpty();
    }

    static List<String> problems(long countDifference, long tolerance, int sampleMissing, boolean orderOk,
                                 long lagMs, long maxLagMs) {
        List<String> problems = new ArrayList<>();
        if (Math.abs(countDifference) > tolerance) {
            problems.add((countDifference > 0 ? "target misses " : "target has extra ") + Math.abs(countDifference)
                    + " records (tolerance " + tolerance + ")");
        }
        if (sampleMissing > 0) {
            problems.add(sampleMissing + " sampled source records not found in target (missing or altered)");
        }
        if (!orderOk) {
            problems.add("sampled records are in a different order on the target");
        }
        if (maxLagMs >= 0 && lagMs > maxLagMs) {
            problems.add("replication lag " + lagMs + " ms > " + maxLagMs + " ms");
        }
        return List.copyOf(problems);
    }
}
