package io.hybridpipe.spark.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.hybridpipe.core.partition.PartitionPath;

class HourRangeTest {

    @Test
    void partitionFoldersAndIsoHoursNameTheSameHoursAcrossMidnight() {
        HourRange folders = HourRange.parse("dt=2026-11-27/hr=22", "dt=2026-11-28/hr=01");
        HourRange iso = HourRange.parse("2026-11-27T22", "2026-11-28T01:00:00Z");
        assertThat(iso).isEqualTo(folders);
        assertThat(folders.partitions()).extracting(PartitionPath::path).containsExactly(
                "dt=2026-11-27/hr=22", "dt=2026-11-27/hr=23", "dt=2026-11-28/hr=00", "dt=2026-11-28/hr=01");
        assertThat(folders.contains(PartitionPath.parse("dt=2026-11-28/hr=02"))).isFalse();
        assertThat(folders.key()).isEqualTo("2026-11-27T22..2026-11-28T01");
    }

    @Test
    void theWarehouseReadsOneHourPerPredicate() {
        assertThat(WarehouseIds.hourPredicates(HourRange.parse("2026-11-28T23", "2026-11-29T00"))).containsExactly(
                "created_at >= TIMESTAMP '2026-11-28 23:00:00' AND created_at < TIMESTAMP '2026-11-29 00:00:00'",
                "created_at >= TIMESTAMP '2026-11-29 00:00:00' AND created_at < TIMESTAMP '2026-11-29 01:00:00'");
    }

    @Test
    void badRangesAreRefusedWithTheOptionName() {
        assertThatThrownBy(() -> HourRange.parse("2026-11-28T05", "2026-11-28T04"))
                .hasMessageContaining("--to (2026-11-28T04) is before --from (2026-11-28T05)");
        assertThatThrownBy(() -> HourRange.parse("2026-11-28T05:30:00Z", "2026-11-28T06"))
                .hasMessageContaining("--from must be a whole hour");
        assertThatThrownBy(() -> HourRange.parse("dt=2026-11-28/hr=25", "2026-11-28T06"))
                .hasMessageContaining("--from must be like dt=2026-11-28/hr=05");
        assertThatThrownBy(() -> HourRange.parse("2026-01-01T00", "2026-03-01T00")).hasMessage("the range holds 1417 hours; at most 744 per run");
    }
}
