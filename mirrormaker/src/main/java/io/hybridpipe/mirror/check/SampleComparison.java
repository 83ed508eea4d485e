package io.hybridpipe.mirror.check;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares sampled source records with a window of target records. Every source record must be in the
 * window (a missing or altered record is not) and in the same order; extra target records in between
 * (at-least-once duplicates) are allowed here and caught by the record count instead.
 */
record SampleComparison(int missing, boolean orderOk) {

    static SampleComparison of(List<SampledRecord> source, List<SampledRecord> targetWindow) {
        Set<String> targetDigests = new HashSet<>();
        targetWindow.forEach(r -> targetDigests.add(r.digest()));
        List<SampledRecord> present = source.stream().filter(r -> targetDigests.contains(r.digest())).toList();
        // records missing altogether count as missing, not as an ordering problem
        return new SampleComparison(source.size() - present.size(), isSubsequence(present, targetWindow));
    }

    SampleComparison plus(SampleComparison other) {
        return new SampleComparison(missing + other.missing, orderOk && other.orderOk);
    }

    private static boolean isSubsequence(List<SampledRecord> source, List<SampledRecord> target) {
        int next = 0;
        for (SampledRecord record : target) {
            if (next < source.size() && record.digest().equals(source.get(next).digest())) {
                next++;
            }
        }
        return next == source.size();
    }
}
