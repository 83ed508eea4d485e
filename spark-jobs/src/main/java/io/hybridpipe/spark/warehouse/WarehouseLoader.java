package io.hybridpipe.spark.warehouse;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.core.ddl.DdlGenerator;
import io.hybridpipe.core.tweet.TweetSchema;
import io.hybridpipe.spark.writer.StorageLayout;
import io.hybridpipe.spark.writer.WrittenFile;

/**
 * Loads one batch into the warehouse in one transaction: stage the manifest's rows, keep one row per
 * tweet id, {@code MERGE} into the tweets table on id, record the manifest in {@code load_audit}, commit.
 * A manifest already in {@code load_audit} is skipped, so replaying a batch never loads it twice;
 * {@code LOCK load_audit} makes concurrent loaders take turns. Transient failures are retried with
 * exponential backoff on a fresh connection; others fail with the warehouse's own diagnostic.
 */
public final class WarehouseLoader {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLoader.class);

    static final String STAGING_RAW = "hp_stage_raw";
    static final String STAGING = "hp_stage";

    private final ConnectionFactory connections;
    private final WarehouseDialect dialect;
    private final WarehouseTable tweets;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Consumer<String> statementLog;

    public WarehouseLoader(ConnectionFactory connections, WarehouseDialect dialect, WarehouseTable tweets,
                           int maxAttempts, Duration firstBackoff, Consumer<String> statementLog) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.connections = connections;
        this.dialect = dialect;
        this.tweets = tweets;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.statementLog = statementLog;
    }

    public WarehouseLoader(ConnectionFactory connections, WarehouseDialect dialect, WarehouseTable tweets) {
        this(connections, dialect, tweets, 5, Duration.ofSeconds(1), sql -> { });
    }

    /** The DDL the loader relies on: schema, the tweets table (from pipeline-core) and {@code load_audit}. */
    public List<String> tableStatements(Set<String> existingTweetColumns) {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE SCHEMA IF NOT EXISTS " + tweets.schema());
        sql.add(DdlGenerator.createTable(dialect.ddlDialect(), tweets.schema(), tweets.table(), Optional.empty()));
        sql.addAll(DdlGenerator.addMissingColumns(dialect.ddlDialect(), tweets.schema(), tweets.table(), existingTweetColumns));
        sql.add("CREATE TABLE IF NOT EXISTS " + tweets.audit().qualified() + " (\n"
                + "  manifest VARCHAR(1024) NOT NULL,\n"
                + "  offset_ranges " + dialect.longTextType() + " NOT NULL,\n"
                + "  file_rows BIGINT NOT NULL,\n"
                + "  merged_rows BIGINT NOT NULL,\n"
                + "  loaded_at TIMESTAMP NOT NULL,\n"
                + "  PRIMARY KEY (manifest)\n)");
        return sql;
    }

    /**
     * The executors' staging table (dialects that {@linkplain WarehouseDialect#acceptsExecutorStaging accept it}):
     * UNLOGGED, as its rows live only until the batch's transaction merges them and a crash that loses them only
     * costs a re-run of the batch, which stages them again; the file key first, then the tweets table's columns.
     */
    public List<String> stagingTableStatements(Set<String> existingStagingColumns) {
        WarehouseTable staging = tweets.staging();
        List<String> sql = new ArrayList<>();
        sql.add("CREATE UNLOGGED TABLE IF NOT EXISTS " + staging.qualified() + " (" + PostgresRowStager.FILE_COLUMN
                + " VARCHAR(1024) NOT NULL, LIKE " + tweets.qualified() + ")");
        sql.addAll(DdlGenerator.addMissingColumns(dialect.ddlDialect(), staging.schema(), staging.table(),
                existingStagingColumns));
        return sql;
    }

    /** Creates the tables if missing and adds schema columns the tweets (and staging) table lacks (additive only). */
    public void ensureTables() {
        try (Connection c = connections.open()) {
            Set<String> existing = existingColumns(c, tweets);
            try (Statement st = c.createStatement()) {
                for (String sql : tableStatements(existing)) {
                    execute(st, sql);
                }
                if (dialect.acceptsExecutorStaging()) {
                    for (String sql : stagingTableStatements(existingColumns(c, tweets.staging()))) {
                        execute(st, sql);
                    }
                }
            }
        } catch (SQLException e) {
            throw new WarehouseLoadException("could not create the warehouse tables: " + e.getMessage(), e);
        }
    }

    private static Set<String> existingColumns(Connection c, WarehouseTable table) throws SQLException {
        Set<String> columns = new HashSet<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(null, table.schema(), table.table(), null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        if (columns.isEmpty()) {
            // a fresh warehouse: CREATE TABLE IF NOT EXISTS makes every column
            columns.addAll(TweetSchema.columnNames());
        }
        return columns;
    }

    public boolean alreadyLoaded(String manifestUri) {
        try (Connection c = connections.open()) {
            return auditHolds(c, manifestUri);
        } catch (SQLException e) {
            throw new WarehouseLoadException("could not read " + tweets.audit().qualified() + ": " + e.getMessage(), e);
        }
    }

    public LoadResult load(LoadRequest request) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = connections.open()) {
                try {
                    return loadOnce(c, request, attempt);
                } catch (SQLException e) {
                    rollbackQuietly(c);
                    if (!TransientErrors.isTransient(e) || attempt >= maxAttempts) {
                        throw new WarehouseLoadException("load of " + request.manifestUri() + " failed (attempt "
                                + attempt + " of " + maxAttempts + "): " + dialect.describeFailure(c, e), e);
                    }
                    LOG.warn("transient failure loading {} (attempt {} of {}): {}", request.manifestUri(), attempt,
                            maxAttempts, e.getMessage());
                }
            } catch (SQLException connectFailure) {
                if (!TransientErrors.isTransient(connectFailure) || attempt >= maxAttempts) {
                    throw new WarehouseLoadException("cannot reach the warehouse to load " + request.manifestUri()
                            + ": " + connectFailure.getMessage(), connectFailure);
                }
                LOG.warn("warehouse unreachable (attempt {} of {}): {}", attempt, maxAttempts, connectFailure.getMessage());
            }
            RetryBackoff.pauseAfter(attempt, firstBackoff, "a load");
        }
    }

    private LoadResult loadOnce(Connection c, LoadRequest request, int attempt) throws SQLException {
        if (request.stagedByExecutors()) {
            return new StagedLoad(c, request).run(attempt);
        }
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            execute(st, "LOCK TABLE " + tweets.audit().qualified());
            if (auditHolds(c, request.manifestUri())) {
                c.rollback();
                LOG.info("{} is already in {}: skipped", request.manifestUri(), tweets.audit().qualified());
                return new LoadResult(request.manifestUri(), true, 0, attempt);
            }
            long merged = 0;
            if (request.fileCount() > 0 && dialect.mergesFromSubquery()) {
                execute(st, "CREATE TEMP TABLE " + STAGING_RAW + " (LIKE " + tweets.qualified() + ")");
                dialect.loadStaging(c, STAGING_RAW, request, statementLog);
                merged = executeUpdate(st, mergeStatement("(" + dedupSelect() + ")"));
                execute(st, "DROP TABLE " + STAGING_RAW);
            } else if (request.fileCount() > 0) {
                execute(st, "CREATE TEMP TABLE " + STAGING_RAW + " (LIKE " + tweets.qualified() + ")");
                execute(st, "CREATE TEMP TABLE " + STAGING + " (LIKE " + tweets.qualified() + ")");
                dialect.loadStaging(c, STAGING_RAW, request, statementLog);
                merged = executeUpdate(st, "INSERT INTO " + STAGING + " " + dedupSelect());
                execute(st, mergeStatement(STAGING));
                execute(st, "DROP TABLE " + STAGING);
                execute(st, "DROP TABLE " + STAGING_RAW);
            }
            insertAudit(c, request, merged);
            c.commit();
            return new LoadResult(request.manifestUri(), false, merged, attempt);
        }
    }

    /** One row per id: a batch can hold the same tweet twice (an upstream retry), and MERGE rejects that. */
    String dedupSelect() {
        return dedupSelect(STAGING_RAW);
    }

    /** @param rows a table, optionally followed by a WHERE clause */
    String dedupSelect(String rows) {
        String cols = String.join(", ", TweetSchema.columnNames());
        return "SELECT " + cols + " FROM (SELECT " + cols
                + ", ROW_NUMBER() OVER (PARTITION BY id ORDER BY ingested_at DESC) AS hp_rn FROM " + rows
                + ") d WHERE d.hp_rn = 1";
    }

    /**
     * The load of a batch whose executors staged its files' rows ({@link PostgresRowStager}): check the staging table
     * holds exactly each file's rows, MERGE them, delete them, record the manifest, commit. Rows of other files
     * (another batch's, or a crashed run's that a replay has not re-staged yet) are never touched.
     */
    private final class StagedLoad {
        private final Connection c;
        private final LoadRequest request;
        private final String staging = tweets.staging().qualified();
        private final String fileFilter = " WHERE " + PostgresRowStager.FILE_COLUMN + " = ANY(?)";

        StagedLoad(Connection c, LoadRequest request) {
            this.c = c;
            this.request = request;
        }

        LoadResult run(int attempt) throws SQLException {
            c.setAutoCommit(false);
            Array files = c.createArrayOf("text", request.stagedFiles().stream()
                    .map(f -> StorageLayout.warehouseUri(f.uri())).toArray(String[]::new));
            try (Statement st = c.createStatement()) {
                execute(st, "LOCK TABLE " + tweets.audit().qualified());
            }
            if (auditHolds(c, request.manifestUri())) {
                // a replay of a loaded batch re-staged its rows: drop them, they are in the tweets table already
                update("DELETE FROM " + staging + fileFilter, files);
                c.commit();
                LOG.info("{} is already in {}: skipped", request.manifestUri(), tweets.audit().qualified());
                return new LoadResult(request.manifestUri(), true, 0, attempt);
            }
            requireEveryFileStaged(files);
            long merged = update(mergeStatement("(" + dedupSelect(staging + fileFilter) + ")"), files);
            update("DELETE FROM " + staging + fileFilter, files);
            insertAudit(c, request, merged);
            c.commit();
            return new LoadResult(request.manifestUri(), false, merged, attempt);
        }

        private void requireEveryFileStaged(Array files) throws SQLException {
            String sql = "SELECT " + PostgresRowStager.FILE_COLUMN + ", count(*) FROM " + staging + fileFilter
                    + " GROUP BY " + PostgresRowStager.FILE_COLUMN;
            statementLog.accept(sql);
            Map<String, Long> staged = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setArray(1, files);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        staged.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            List<String> wrong = new ArrayList<>();
            for (WrittenFile f : request.stagedFiles()) {
                String key = StorageLayout.warehouseUri(f.uri());
                long rows = staged.getOrDefault(key, 0L);
                if (rows != f.rows()) {
                    wrong.add(key + " (" + rows + " staged, " + f.rows() + " written)");
                }
            }
            if (!wrong.isEmpty()) {
                // not transient: only a re-run of the batch, whose executors stage the files again, can repair it
                throw new SQLException("the staging table " + staging + " does not hold exactly the rows of "
                        + String.join(", ", wrong) + "; nothing loaded, re-run the batch", "HP001");
            }
        }

        private long update(String sql, Array files) throws SQLException {
            statementLog.accept(sql);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setArray(1, files);
                return ps.executeUpdate();
            }
        }
    }

    /** @param source a table, or a parenthesised query where the dialect's MERGE accepts one */
    String mergeStatement(String source) {
        List<String> columns = TweetSchema.columnNames();
        String updates = columns.stream().filter(col -> !col.equals("id"))
                .map(col -> col + " = s." + col).collect(Collectors.joining(", "));
        String values = columns.stream().map(col -> "s." + col).collect(Collectors.joining(", "));
        return "MERGE INTO " + tweets.qualified() + " USING " + source + " s ON " + tweets.qualified() + ".id = s.id"
                + " WHEN MATCHED THEN UPDATE SET " + updates
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES (" + values + ")";
    }

    String auditSelectStatement() {
        return "SELECT 1 FROM " + tweets.audit().qualified() + " WHERE manifest = ?";
    }

    String auditInsertStatement() {
        return "INSERT INTO " + tweets.audit().qualified()
                + " (manifest, offset_ranges, file_rows, merged_rows, loaded_at) VALUES (?, ?, ?, ?, ?)";
    }

    private boolean auditHolds(Connection c, String manifestUri) throws SQLException {
        String sql = auditSelectStatement();
        statementLog.accept(sql);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, manifestUri);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void insertAudit(Connection c, LoadRequest request, long merged) throws SQLException {
        String sql = auditInsertStatement();
        statementLog.accept(sql);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, request.manifestUri());
            ps.setString(2, request.ranges().toJson());
            ps.setLong(3, request.rows());
            ps.setLong(4, merged);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    private void execute(Statement st, String sql) throws SQLException {
        statementLog.accept(sql);
        st.execute(sql);
    }

    private int executeUpdate(Statement st, String sql) throws SQLException {
        statementLog.accept(sql);
        return st.executeUpdate(sql);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback after a failed load also failed: {}", e.getMessage());
        }
    }
}
