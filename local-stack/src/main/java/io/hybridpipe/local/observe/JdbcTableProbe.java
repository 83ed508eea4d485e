package io.hybridpipe.local.observe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Counts a tweets table over JDBC: the warehouse through PostgreSQL or Redshift (Hive is followed through its files by
 * {@link HiveFilesProbe}, which reads Hive through this class for the verification only). While the run goes on it
 * asks one question per poll: how many rows, and which of the latency-sampled ids not seen yet are there
 * (one grouped query; a plain {@code COUNT(*)} once every sample is seen); the whole table is read once, grouped by
 * id, for the verification. The connection is reopened after a failure (an engine restarting).
 */
final class JdbcTableProbe implements StageProbe {

    /** Sampled ids looked up per poll; a lookup of this many ids stays one cheap query. */
    private static final int LOOKUP_BATCH = 2_000;
    /** Rows per round trip when reading every id (Hive JDBC fetches 1,000 by default). */
    private static final int VERIFY_FETCH_ROWS = 10_000;

    private final Stage stage;
    private final LazyConnection connection;
    private final String table;
    private final LatencyTracker latency;
    private final Clock clock;

    JdbcTableProbe(Stage stage, SqlConnector connector, String table, LatencyTracker latency, Clock clock) {
        this(stage, new LazyConnection(connector, stage.label()), table, latency, clock);
    }

    /** Over a connection shared with another reader of the same engine, used from the same thread. */
    JdbcTableProbe(Stage stage, LazyConnection connection, String table, LatencyTracker latency, Clock clock) {
        this.stage = stage;
        this.connection = connection;
        this.table = table;
        this.latency = latency;
        this.clock = clock;
    }

    @Override
    public Stage stage() {
        return stage;
    }

    @Override
    public ProbeReading poll() throws SQLException {
        try {
            Connection c = connection.get();
            List<String> pending = latency.pending(stage, LOOKUP_BATCH);
            long rows = pending.isEmpty() ? count(c) : countLookingUp(c, pending);
            return new ProbeReading(rows, -1, rows);
        } catch (SQLException e) {
            if (connection.isMissingTable(e)) {
                return new ProbeReading(0, -1, 0);
            }
            connection.reset(e);
            throw e;
        }
    }

    @Override
    public IdCounts contents() throws SQLException {
        try {
            Connection c = connection.get();
            IdCounts ids = new IdCounts();
            try (Statement s = c.createStatement()) {
                s.setFetchSize(VERIFY_FETCH_ROWS);
                try (ResultSet rs = s.executeQuery("SELECT id, COUNT(*) FROM " + table + " GROUP BY id")) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        ids.add(id != null ? id : "(row with NULL id)", Math.toIntExact(rs.getLong(2)));
                    }
                }
            }
            seenInFullRead(ids);
            return ids;
        } catch (SQLException e) {
            connection.reset(e);
            throw e;
        }
    }

    /**
     * The full read is a poll too: sampled ids it finds that no lookup had found yet are seen now, so a stage that
     * filled up between two lookups (or faster than lookups of {@value #LOOKUP_BATCH} ids could follow) still has a
     * latency for every sample.
     */
    private void seenInFullRead(IdCounts ids) {
        Instant answeredAt = clock.instant();
        for (String id : latency.pending(stage, Integer.MAX_VALUE)) {
            if (ids.count(id) > 0) {
                latency.seen(stage, id, answeredAt);
            }
        }
    }

    private long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The row count and which pending samples are there, in one query and one scan: a row of a sampled id forms a
     * group of its own, every other row the NULL group. On Spark's Thrift Server each statement is a job of its own
     * (planning, listing the files, scheduling), and a count followed by a lookup made a poll take 5-25 s while the
     * stack was busy. Sampled ids found are seen at the time the answer came back: never before they were visible
     * (a query may list files after it started), overstated by at most the query's duration.
     */
    private long countLookingUp(Connection c, List<String> pending) throws SQLException {
        String marks = String.join(",", Collections.nCopies(pending.size(), "?"));
        String sql = "SELECT CASE WHEN id IN (" + marks + ") THEN id END AS sampled, COUNT(*) FROM " + table + " GROUP BY 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < pending.size(); i++) {
                ps.setString(i + 1, pending.get(i));
            }
            long rows = 0;
            List<String> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String sampled = rs.getString(1);
                    if (sampled != null) {
                        found.add(sampled);
                    }
                    rows += rs.getLong(2);
                }
            }
            Instant answeredAt = clock.instant();
            for (String id : found) {
                latency.seen(stage, id, answeredAt);
            }
            return rows;
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
