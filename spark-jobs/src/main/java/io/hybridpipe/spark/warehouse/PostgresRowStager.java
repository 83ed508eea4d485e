package io.hybridpipe.spark.warehouse;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.apache.avro.generic.GenericRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.core.tweet.TweetSchema;
import io.hybridpipe.spark.writer.RowStager;

/**
 * Executor side of the PostgreSQL load: a task copies the rows of the files it just wrote into the UNLOGGED staging
 * table, keyed by file, in its own transaction: lock the files' keys, delete their rows, {@code COPY ... FROM STDIN},
 * commit. A re-run task (a retry, a replayed batch) therefore replaces its files' rows instead of adding to them,
 * and two attempts of one task take turns. The driver's load transaction merges exactly the rows of its manifest's
 * files and deletes them (see {@link WarehouseLoader}).
 */
public final class PostgresRowStager implements RowStager {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRowStager.class);
    private static final int ROWS_PER_CHUNK = 256;
    static final String FILE_COLUMN = "data_file";

    private final ConnectionFactory connections;
    private final WarehouseTable staging;
    private final int maxAttempts;
    private final Duration firstBackoff;

    /** @param connections serialisable (a {@link JdbcTarget}): this object runs on executors */
    public PostgresRowStager(ConnectionFactory connections, WarehouseTable staging, int maxAttempts, Duration firstBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.connections = connections;
        this.staging = staging;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
    }

    @Override
    public void stage(List<FileRows> files) {
        if (files.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection c = connections.open()) {
                try {
                    stageOnce(c, files);
                    return;
                } catch (SQLException e) {
                    rollbackKeeping(c, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (!TransientErrors.isTransient(e) || attempt >= maxAttempts) {
                    throw new WarehouseLoadException("could not stage the rows of " + String.join(", ", keys(files)) + " in "
                            + staging.qualified() + " (attempt " + attempt + " of " + maxAttempts + "): " + e.getMessage(), e);
                }
                LOG.warn("transient failure staging {} (attempt {} of {}): {}", String.join(", ", keys(files)), attempt, maxAttempts,
                        e.getMessage());
                RetryBackoff.pauseAfter(attempt, firstBackoff, "staging");
            }
        }
    }

    /** The statement the rows arrive with; {@code data_file} first, then the canonical columns. */
    String copyStatement() {
        return "COPY " + staging.qualified() + " (" + FILE_COLUMN + ", " + String.join(", ", TweetSchema.columnNames())
                + ") FROM STDIN (FORMAT csv)";
    }

    private void stageOnce(Connection c, List<FileRows> files) throws SQLException {
        c.setAutoCommit(false);
        Array keys = c.createArrayOf("text", keys(files));
        // sorted, so two attempts that stage overlapping files cannot deadlock
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(k, 0))"
                + " FROM unnest(?::text[]) AS k ORDER BY hashtextextended(k, 0)");
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + staging.qualified() + " WHERE "
                     + FILE_COLUMN + " = ANY(?)")) {
            lock.setArray(1, keys);
            lock.execute();
            delete.setArray(1, keys);
            delete.executeUpdate();
        }
        copy(c, files);
        c.commit();
    }

    private void copy(Connection c, List<FileRows> files) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copyStatement());
        try {
            CsvRows.Buffer chunk = new CsvRows.Buffer();
            int rows = 0;
            for (FileRows file : files) {
                for (GenericRecord r : file.rows()) {
                    CsvRows.append(chunk, file.warehouseUri(), r);
                    if (++rows % ROWS_PER_CHUNK == 0) {
                        send(in, chunk);
                    }
                }
            }
            send(in, chunk);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void send(CopyIn in, CsvRows.Buffer chunk) throws SQLException {
        if (chunk.length() > 0) {
            in.writeToCopy(chunk.array(), 0, chunk.length());
            chunk.reset();
        }
    }

    /** A rollback that fails too (a broken connection) must not hide PostgreSQL's account of the first failure. */
    private static void rollbackKeeping(Connection c, SQLException failure) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    private static String[] keys(List<FileRows> files) {
        return files.stream().map(FileRows::warehouseUri).toArray(String[]::new);
    }
}
