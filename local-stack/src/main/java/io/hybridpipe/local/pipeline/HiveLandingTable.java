package io.hybridpipe.local.pipeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import io.hybridpipe.core.ddl.DdlGenerator;
import io.hybridpipe.core.ddl.SqlDialect;

/**
 * Creates the Hive table kafka-to-hive lands into before its first batch, as an operator would before starting the
 * flow, with the DDL PutHiveLanding itself would run ({@code CREATE ... IF NOT EXISTS}, so the processor's own run of
 * it is then a no-op). On the Spark Thrift Server the first DDL of a session takes 10-25 s on 2 cores; done here, in
 * the background while the rest of the pipeline starts, it no longer delays the first tweets reaching Hive.
 */
final class HiveLandingTable {

    private HiveLandingTable() {
    }

    static CompletableFuture<Void> createInBackground(String jdbcUrl, String database, String table, String location) {
        return CompletableFuture.runAsync(() -> {
            Properties props = new Properties();
            props.setProperty("user", "nifi");
            try (Connection connection = DriverManager.getConnection(jdbcUrl, props);
                 Statement statement = connection.createStatement()) {
                statement.execute(DdlGenerator.createTable(SqlDialect.HIVE, database, table, Optional.of(location)));
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create Hive table " + database + "." + table + " at " + location, e);
            }
        }, runnable -> {
            Thread thread = new Thread(runnable, "hybridpipe-hive-table");
            thread.setDaemon(true);
            thread.start();
        });
    }
}
