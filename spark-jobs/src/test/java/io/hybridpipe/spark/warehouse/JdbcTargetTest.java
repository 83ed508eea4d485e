package io.hybridpipe.spark.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a warehouse target shows when it is printed (it travels to executors, where anything may end up in a log). */
class JdbcTargetTest {

    @Test
    void printingATargetNeverShowsUrlParametersOrThePasswordVariable() {
        JdbcTarget target = new JdbcTarget("jdbc:postgresql://db.example:5432/tweets?user=x&password=s3cret",
                "loader", "HYBRIDPIPE_WAREHOUSE_PASSWORD");

        assertThat(target.toString()).isEqualTo("JdbcTarget[jdbc:postgresql://db.example:5432/tweets as loader]")
                .doesNotContain("s3cret");
    }
}
