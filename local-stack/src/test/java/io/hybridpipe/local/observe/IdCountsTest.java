package io.hybridpipe.local.observe;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IdCountsTest {

    @Test
    void countsEveryIdExactlyAsWrittenWhetherItIsANumberOrNot() {
        IdCounts ids = new IdCounts();
        for (String id : new String[] {"1862000000000000001", "7", "007", "7", "9999999999999999999", "-5", "", "0",
                "(record without key at tweets-0@12)", "1862000000000000001", "9223372036854775807"}) {
            ids.add(id);
        }
        Map<String, Integer> back = new HashMap<>();
        ids.forEach(back::put);

        assertThat(back).containsOnly(Map.entry("1862000000000000001", 2), Map.entry("7", 2), Map.entry("007", 1),
                Map.entry("9999999999999999999", 1), Map.entry("-5", 1), Map.entry("", 1), Map.entry("0", 1),
                Map.entry("(record without key at tweets-0@12)", 1), Map.entry("9223372036854775807", 1));
        assertThat(ids.total()).isEqualTo(11);
        assertThat(ids.distinct()).isEqualTo(9);
        assertThat(ids.count("007")).isEqualTo(1);
        assertThat(ids.count("8")).isZero();
    }

    @Test
    void keepsCountsAcrossGrowth() {
        IdCounts ids = new IdCounts();
        long first = 1_862_000_000_000_000_000L;
        for (int round = 0; round < 2; round++) {
            for (long i = 0; i < 100_000; i++) {
                ids.add(Long.toString(first + i * 4_194_304L)); // snowflake ids one millisecond apart
            }
        }
        ids.add(Long.toString(first));

        assertThat(ids.distinct()).isEqualTo(100_000);
        assertThat(ids.total()).isEqualTo(200_001);
        assertThat(ids.count(Long.toString(first))).isEqualTo(3);
        assertThat(ids.count(Long.toString(first + 99_999 * 4_194_304L))).isEqualTo(2);
    }
}
