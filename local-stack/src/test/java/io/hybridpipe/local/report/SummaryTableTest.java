package io.hybridpipe.local.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTableTest {

    @Test
    void aStageMissingTweetsIsMarkedFailWithItsMissingCountAndExamples() {
        String table = SummaryTable.render(SampleRuns.run(), SampleRuns.warehouseMissesThree());

        String warehouseRow = line(table, "Warehouse ");
        assertThat(warehouseRow.trim().split("\\s+"))
                .containsExactly("Warehouse", "1,000", "997", "997", "0", "3", "0", "FAIL");
        assertThat(line(table, "Hive ")).endsWith("PASS");
        assertThat(table).contains("3 missing, e.g. 17, 18, 19").contains("RESULT: FAIL");
    }

    @Test
    void showsLatencyPercentilesToEachStageAndThePass() {
        String table = SummaryTable.render(SampleRuns.run(), SampleRuns.allPass());

        // Hive latencies are 10..1000 ms: nearest-rank p50 500, p95 950, p99 990, max 1000, 100 samples
        assertThat(line(table, "Hive ", 2).trim().split("\\s+"))
                .startsWith("Hive", "500", "950", "990", "1,000", "100", "1,400", "ms");
        assertThat(line(table, "Warehouse ", 2).trim().split("\\s+"))
                .startsWith("Warehouse", "5,000", "9,500", "9,900", "10,000", "100");
        assertThat(table).contains("set to 1.0 s, mean as polled below; 1 tweet in 10 sampled")
                .contains("RESULT: PASS").contains("1 probe failures");
    }

    /** The first line starting with {@code prefix}. */
    private static String line(String text, String prefix) {
        return line(text, prefix, 1);
    }

    /** The n-th line starting with {@code prefix}. */
    private static String line(String text, String prefix, int n) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).skip(n - 1L).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + n + " starting with '" + prefix + "' in\n" + text));
    }
}
