package io.hybridpipe.local.observe;

import io.hybridpipe.core.ddl.DdlGenerator;
import io.hybridpipe.core.ddl.SqlDialect;
import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.core.tweet.TweetSchema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Creates the landing table with pipeline-core's Hive DDL (external, Parquet, on HDFS) and inserts tweets through
 * HiveServer2 (Spark's Thrift Server), into the partition of their {@code created_at} as the landing processor would.
 */
final class HiveRows {

    private static final DateTimeFormatter SQL_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private HiveRows() {
    }

    static Connection connect(String jdbcUrl) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "test");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    static void createTable(Connection c, String table, String location) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(DdlGenerator.createTable(SqlDialect.HIVE, "default", table, Optional.of(location)));
        }
    }

    /** Inserts the tweets (all created in the same hour) in one statement, so one small Parquet file lands. */
    static void insert(Connection c, String table, List<String> ids, Instant createdAt) throws SQLException {
        PartitionPath partition = PartitionPath.of(createdAt);
        List<String> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(row(id, createdAt));
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO default." + table + " PARTITION (" + partition.hiveSpec() + ") VALUES "
                    + String.join(", ", rows));
        }
    }

    private static String row(String id, Instant createdAt) {
        List<String> values = new ArrayList<>();
        for (String column : TweetSchema.columnNames()) {
            values.add(switch (column) {
                case "id" -> "'" + id + "'";
                case "text" -> "'observed tweet " + id + "'";
                case "is_retweet" -> "false";
                case "created_at", "ingested_at" -> "TIMESTAMP '" + SQL_TIME.format(createdAt) + "'";
                case "payload" -> "'" + TestTweets.message(id, createdAt).replace("\\", "\\\\").replace("'", "\\'") + "'";
                default -> "NULL";
            });
        }
        return "(" + String.join(", ", values) + ")";
    }
}
