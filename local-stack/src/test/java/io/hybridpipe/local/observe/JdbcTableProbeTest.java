package io.hybridpipe.local.observe;

import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
    void aPollIsOneStatementThatCountsEveryRowAndFindsTheSampledIds() throws SQLException {
        List<String> ids = TestTweets.ids(1_862_200_000_000_000_000L, 4);
        SettableClock clock = new SettableClock(T0.plusSeconds(2));
        LatencyTracker latency = new LatencyTracker(1, clock);
        try (Connection c = postgres.connect()) {
            WarehouseRows.createTable(c, "onequery", "tweets", false);
            WarehouseRows.insert(c, "onequery.tweets", ids.get(0), T0);
            WarehouseRows.insert(c, "onequery.tweets", ids.get(1), T0);
            WarehouseRows.insert(c, "onequery.tweets", ids.get(2), T0);
        }
        latency.register(ids.get(0), T0);
        latency.register(ids.get(3), T0);
        AtomicInteger statements = new AtomicInteger();
        SqlConnector postgresConnector = SqlConnector.postgres(
                "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres", EmbeddedPostgresServer.SUPERUSER, null);
        SqlConnector counting = new SqlConnector() {
            @Override
            public Connection connect() throws SQLException {
                return countingStatements(postgresConnector.connect(), statements);
            }

            @Override
            public boolean isMissingTable(SQLException e) {
                return postgresConnector.isMissingTable(e);
            }
        };
        try (JdbcTableProbe probe = new JdbcTableProbe(Stage.WAREHOUSE, counting, "onequery.tweets", latency, clock)) {
            // two sampled ids pending, one of them there: all three rows counted, the one found seen, the other pending
            assertThat(probe.poll()).isEqualTo(new ProbeReading(3, -1, 3));
            assertThat(latency.pending(Stage.WAREHOUSE, 10)).containsExactly(ids.get(3));
            assertThat(latency.samples()).singleElement().extracting(LatencySample::tweetId).isEqualTo(ids.get(0));
            // on Spark's Thrift Server every statement is a Spark job: a count and a lookup were two per poll
            assertThat(statements).as("statements per poll").hasValue(1);
        }
    }

    /** The connection, counting the statements made from it. */
    private static Connection countingStatements(Connection real, AtomicInteger statements) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("createStatement") || method.getName().equals("prepareStatement")) {
                        statements.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
                table, latency, clock);
    }
}
