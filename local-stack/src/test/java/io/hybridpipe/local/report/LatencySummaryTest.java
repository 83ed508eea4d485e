package io.hybridpipe.local.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencySummaryTest {

    @Test
    void percentilesAreNearestRankValuesOfTheSamples() {
        assertThat(LatencySummary.ofSortedMillis(new long[] {5, 7, 9, 400}))
                .isEqualTo(new LatencySummary(4, 7, 400, 400, 400));
        assertThat(LatencySummary.ofSortedMillis(new long[] {42})).isEqualTo(new LatencySummary(1, 42, 42, 42, 42));
    }

    @Test
    void noSamplesGiveNoFigures() {
        assertThat(LatencySummary.ofSortedMillis(new long[0])).isEqualTo(new LatencySummary(0, -1, -1, -1, -1));
    }
}
