package io.hybridpipe.core.partition;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionPathTest {

    @ParameterizedTest
    @CsvSource({
        "2026-11-28T07:15:00Z,      dt=2026-11-28/hr=07",
        "2026-11-28T00:00:00Z,      dt=2026-11-28/hr=00",
        "2026-11-28T23:59:59.999Z,  dt=2026-11-28/hr=23",
        "2026-12-31T23:59:59.999Z,  dt=2026-12-31/hr=23",
        "2027-01-01T00:00:00.000Z,  dt=2027-01-01/hr=00",
        "2024-02-29T12:00:00Z,      dt=2024-02-29/hr=12",
        "2026-11-28T10:30:00+05:30, dt=2026-11-28/hr=05",
        "2026-11-28T01:00:00-03:00, dt=2026-11-28/hr=04",
        "2026-11-27T22:00:00-03:00, dt=2026-11-28/hr=01"})
    void pathIsTheUtcDateAndHour(String createdAt, String path) {
        Instant t = java.time.OffsetDateTime.parse(createdAt).toInstant();
        assertThat(PartitionPath.of(t).path()).isEqualTo(path);
    }

    @Test
    void parseReadsWhatPathWrites() {
        PartitionPath p = PartitionPath.of(Instant.parse("2026-11-28T07:00:00Z"));
        assertThat(PartitionPath.parse(p.path())).isEqualTo(p);
        assertThat(p.hiveSpec()).isEqualTo("dt='2026-11-28', hr=7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dt=2026-11-28/hr=7", "dt=2026-13-01/hr=00", "dt=2026-11-28/hr=24", "/dt=2026-11-28/hr=07",
            "dt=2026-02-30/hr=00", "dt=2026-11-28"})
    void malformedPathsAreRejected(String path) {
        assertThatThrownBy(() -> PartitionPath.parse(path)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findReadsBothSpellingsOfTheHourAndNothingElse() {
        assertThat(PartitionPath.find("dt=2026-11-28/hr=07")).contains(new PartitionPath("2026-11-28", 7));
        assertThat(PartitionPath.find("dt=2026-11-28/hr=7")).contains(new PartitionPath("2026-11-28", 7));
        assertThat(PartitionPath.find("dt=2026-11-28/hr=24")).isEmpty();
        assertThat(PartitionPath.find("dt=2026-13-01/hr=1")).isEmpty();
        assertThat(PartitionPath.find("dt=2026-11-28")).isEmpty();
        assertThat(PartitionPath.find(".hive-staging_1/hr=07")).isEmpty();
    }

    @Test
    void constructorValidates() {
        assertThatThrownBy(() -> new PartitionPath("2026-1-1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionPath("2026-01-01", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
