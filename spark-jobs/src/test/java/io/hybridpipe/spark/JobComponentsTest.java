package io.hybridpipe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.warehouse.PostgresRowStager;
import io.hybridpipe.spark.writer.RowStager;

/** Which side stages the warehouse rows, per dialect and setting. */
class JobComponentsTest {

    private static JobSettings settings(String dialect, String staging) {
        JobSettings s = JobSettings.of(Map.of("hybridpipe.warehouse.dialect", dialect,
                "hybridpipe.warehouse.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/postgres"));
        return staging == null ? s : s.with("hybridpipe.warehouse.staging", staging);
    }

    @Test
    void postgresqlIsStagedByTheExecutorsUnlessTheDriverIsAskedTo() {
        assertThat(JobComponents.rowStager(settings("postgresql", null))).isInstanceOf(PostgresRowStager.class);
        assertThat(JobComponents.rowStager(settings("postgresql", "driver"))).isSameAs(RowStager.NONE);
        assertThat(RowStager.NONE.stagesRows()).isFalse();
    }

    @Test
    void redshiftCopiesFromS3AndNeverStagesOnExecutors() {
        assertThat(JobComponents.rowStager(settings("redshift", "executors"))).isSameAs(RowStager.NONE);
    }

    @Test
    void anUnknownStagingSideIsRefusedByName() {
        assertThatThrownBy(() -> JobComponents.rowStager(settings("postgresql", "somewhere")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hybridpipe.warehouse.staging must be executors or driver, was 'somewhere'");
    }
}
