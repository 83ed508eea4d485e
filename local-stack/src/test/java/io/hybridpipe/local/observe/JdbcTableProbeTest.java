package io.hybridpipe.local.observe;

import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table probe against a real PostgreSQL 15 holding the warehouse table made with pipeline-core's DDL. */
class JdbcTableProbeTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00.000Z");

    static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = new EmbeddedPostgresServer(Path.of(System.getProperty("java.io.tmpdir"))).start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void countsRowsLooksUpOnlyTheSampledIdsAndReadsEveryIdWithItsCopiesForVerification() throws SQLException {
        List<String> ids = TestTweets.ids(1_862_100_000_000_000_000L, 6);
        SettableClock clock = new SettableClock(T0.plusSeconds(3));
        LatencyTracker latency = new LatencyTracker(1, clock);
        try (Connection c = postgres.connect()) {
            WarehouseRows.createTable(c, "counted", "tweets", true);
            for (int i = 0; i < 4; i++) {
                WarehouseRows.insert(c, "counted.tweets", ids.get(i), T0);
            }
            WarehouseRows.insert(c, "counted.tweets", ids.get(1), T0);
        }
        for (String id : ids) {
            latency.register(id, T0.plusMillis(250));
        }
        try (JdbcTableProbe probe = warehouseProbe("counted.tweets", latency, clock)) {
            assertThat(probe.poll()).isEqualTo(new ProbeReading(5, -1, 5));
            assertThat(latency.pending(Stage.WAREHOUSE, 10)).containsExactly(ids.get(4), ids.get(5));
            assertThat(latency.samples()).hasSize(4).allSatisfy(s -> {
                assertThat(s.stage()).isEqualTo(Stage.WAREHOUSE);
                assertThat(s.millis()).isEqualTo(2_750);
            });

            try (Connection c = postgres.connect()) {
                WarehouseRows.insert(c, "counted.tweets", ids.get(4), T0);
            }
            clock.set(T0.plusSeconds(9));
            IdCounts contents = probe.contents();
            assertThat(latency.samples()).as("the full read for verification is a poll too").hasSize(5)
                    .filteredOn(s -> s.tweetId().equals(ids.get(4))).singleElement()
                    .extracting(LatencySample::millis).isEqualTo(8_750L);
            assertThat(contents.total()).isEqualTo(6);
            assertThat(contents.distinct()).isEqualTo(5);
            assertThat(contents.count(ids.get(1))).isEqualTo(2);
            assertThat(contents.count(ids.get(5))).isZero();
        }
    }

    @Test
    void aTableNotCreatedYetCountsAsEmptyButCannotBeVerified() throws SQLException {
        SettableClock clock = new SettableClock(T0);
        try (JdbcTableProbe probe = warehouseProbe("nowhere.tweets", new LatencyTracker(1, clock), clock)) {
            assertThat(probe.poll()).isEqualTo(new ProbeReading(0, -1, 0));
            assertThatThrownBy(probe::contents).isInstanceOf(SQLException.class).hasMessageContaining("nowhere.tweets");
        }
    }

    @Test
    void aDroppedConnectionFailsOnePollAndTheNextPollReconnects() throws SQLException {
        SettableClock clock = new SettableClock(T0);
        try (Connection c = postgres.connect()) {
            WarehouseRows.createTable(c, "restarted", "tweets", false);
            WarehouseRows.insert(c, "restarted.tweets", "1", T0);
        }
        try (JdbcTableProbe probe = warehouseProbe("restarted.tweets", new LatencyTracker(1, clock), clock)) {
            assertThat(probe.poll().records()).isEqualTo(1);
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'probe-test'");
            }
            assertThatThrownBy(probe::poll).isInstanceOf(SQLException.class);
            assertThat(probe.poll().records()).isEqualTo(1);
        }
    }

    private static JdbcTableProbe warehouseProbe(String table, LatencyTracker latency, SettableClock clock) {
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres?ApplicationName=probe-test";
        return new JdbcTableProbe(Stage.WAREHOUSE, SqlConnector.postgres(url, EmbeddedPostgresServer.SUPERUSER, null),
                table, null, latency, clock);
    }
}
