package io.hybridpipe.local.observe;

import io.hybridpipe.core.ddl.DdlGenerator;
import io.hybridpipe.core.ddl.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Creates the warehouse table with pipeline-core's DDL and inserts tweets into it, as the Spark job's MERGE would. */
final class WarehouseRows {

    private WarehouseRows() {
    }

    /**
     * Creates {@code schema.table}; with {@code allowDuplicates} its primary key is dropped, so a test can plant the
     * duplicate a broken loader would leave in Redshift, where the key is not enforced.
     */
    static void createTable(Connection c, String schema, String table, boolean allowDuplicates) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            s.execute(DdlGenerator.createTable(SqlDialect.POSTGRESQL, schema, table, Optional.empty()));
            if (allowDuplicates) {
                s.execute("ALTER TABLE " + schema + "." + table + " DROP CONSTRAINT " + table + "_pkey");
            }
        }
    }

    static void insert(Connection c, String qualifiedTable, String id, Instant createdAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualifiedTable
                + " (id, text, is_retweet, created_at, hashtags, mentions, urls, matching_rule_tags, ingested_at, payload)"
                + " VALUES (?, ?, false, ?, '[]', '[]', '[]', '[\"observe\"]', ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, "observed tweet " + id);
            ps.setTimestamp(3, Timestamp.from(createdAt));
            ps.setTimestamp(4, Timestamp.from(createdAt));
            ps.setString(5, TestTweets.message(id, createdAt));
            ps.executeUpdate();
        }
    }
}
