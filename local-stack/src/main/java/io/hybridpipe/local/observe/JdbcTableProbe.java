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
 * Counts a tweets table over JDBC (Hive through HiveServer2, the warehouse through PostgreSQL or Redshift). While the
 * run goes on it only asks cheap questions: {@code COUNT(*)}, and whether the few latency-sampled ids not seen yet
 * are there ({@code WHERE id IN (...)}); the whole table is read once, grouped by id, for the verification. The
 * connection is reopened after a failure (an engine restarting).
 */
final class JdbcTableProbe implements StageProbe {

    /** Sampled ids looked up per poll; a lookup of this many ids stays one cheap query. */
    private static final int LOOKUP_BATCH = 2_000;
    /** Rows per round trip when reading every id (Hive JDBC fetches 1,000 by default). */
    private static final int VERIFY_FETCH_ROWS = 10_000;

    private final Stage stage;
    private final SqlConnector connector;
    private final String table;
    private final String beforeEachRead;
    private final LatencyTracker latency;
    private final Clock clock;
    private Connection connection;
    private long rowsAtLastLookup = -1;
    private int registeredAtLastLookup = -1;

    /**
     * @param beforeEachRead a statement run before every read, e.g. {@code REFRESH TABLE t} so that Spark's Thrift
     *                       Server sees files landed since its last listing; null for none
     */
    JdbcTableProbe(Stage stage, SqlConnector connector, String table, String beforeEachRead, LatencyTracker latency,
                   Clock clock) {
        this.stage = stage;
        this.connector = connector;
        this.table = table;
        this.beforeEachRead = beforeEachRead;
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
            Connection c = connection();
            refresh(c);
            long rows = count(c);
            int registered = latency.registered();
            if (rows != rowsAtLastLookup || registered != registeredAtLastLookup) {
                // the same rows and the same samples: nothing the last lookup did not find, spare the engine a scan
                lookUpSamples(c);
                rowsAtLastLookup = rows;
                registeredAtLastLookup = registered;
            }
            return new ProbeReading(rows, -1, rows);
        } catch (SQLException e) {
            if (connector.isMissingTable(e)) {
                return new ProbeReading(0, -1, 0);
            }
            reset(e);
            throw e;
        }
    }

    @Override
    public IdCounts contents() throws SQLException {
        try {
            Connection c = connection();
            refresh(c);
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
            reset(e);
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
     * Sampled ids found are seen at the time the lookup's answer came back: never before they were visible (a query
     * may list files after it started), overstated by at most the lookup's duration.
     */
    private void lookUpSamples(Connection c) throws SQLException {
        List<String> pending = latency.pending(stage, LOOKUP_BATCH);
        if (pending.isEmpty()) {
            return;
        }
        String marks = String.join(",", Collections.nCopies(pending.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table + " WHERE id IN (" + marks + ")")) {
            for (int i = 0; i < pending.size(); i++) {
                ps.setString(i + 1, pending.get(i));
            }
            List<String> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            Instant answeredAt = clock.instant();
            for (String id : found) {
                latency.seen(stage, id, answeredAt);
            }
        }
    }

    private void refresh(Connection c) throws SQLException {
        if (beforeEachRead != null) {
            try (Statement s = c.createStatement()) {
                s.execute(beforeEachRead);
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connector.connect();
        }
        return connection;
    }

    /** Drops the connection; a failure to close it is attached to {@code cause}, or thrown when there is none. */
    private void reset(SQLException cause) {
        Connection c = connection;
        connection = null;
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException closeFailure) {
            if (cause == null) {
                throw new IllegalStateException("cannot close the " + stage.label() + " connection", closeFailure);
            }
            cause.addSuppressed(closeFailure);
        }
    }

    @Override
    public void close() {
        reset(null);
    }
}
