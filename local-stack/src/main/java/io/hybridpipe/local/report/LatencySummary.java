package io.hybridpipe.local.report;

import io.hybridpipe.local.observe.LatencySample;

import java.util.Arrays;
import java.util.List;

/**
 * Percentiles of latencies in milliseconds, by the nearest-rank method (a percentile is one of the measured values).
 *
 * @param samples how many latencies were measured; 0 leaves every figure at -1
 */
public record LatencySummary(int samples, long p50, long p95, long p99, long max) {

    public static LatencySummary of(List<LatencySample> latencies) {
        return ofSortedMillis(sortedMillis(latencies));
    }

    static LatencySummary ofSortedMillis(long[] sorted) {
        if (sorted.length == 0) {
            return new LatencySummary(0, -1, -1, -1, -1);
        }
        return new LatencySummary(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    static long[] sortedMillis(List<LatencySample> latencies) {
        long[] ms = latencies.stream().mapToLong(LatencySample::millis).toArray();
        Arrays.sort(ms);
        return ms;
    }

    private static long rank(long[] sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
