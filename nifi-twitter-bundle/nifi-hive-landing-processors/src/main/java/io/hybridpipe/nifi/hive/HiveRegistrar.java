package io.hybridpipe.nifi.hive;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.apache.hive.jdbc.HiveDriver;

import io.hybridpipe.core.ddl.DdlGenerator;
import io.hybridpipe.core.ddl.SqlDialect;
import io.hybridpipe.core.partition.PartitionPath;

/**
 * Registers landed data in Hive over HiveServer2 JDBC: creates the external table if missing, adds the columns the
 * canonical schema has grown, and adds partitions ({@code ADD IF NOT EXISTS}, with the partition folder as
 * location). Remembers what it has registered so that steady-state batches send no DDL; any failure forgets the
 * connection and the table check, so the next attempt starts over.
 */
final class HiveRegistrar implements AutoCloseable {

    /** JDBC coordinates; the password is never logged or put into a message. */
    record Settings(String jdbcUrl, String user, String password, String database, String table, String location) {
    }

    private final Settings settings;
    private final Set<PartitionPath> registered = new HashSet<>();
    private Connection connection;
    private boolean tableReady;

    HiveRegistrar(Settings settings) {
        this.settings = settings;
    }

    /** Connects and makes sure the table exists, so that the first FlowFile does not pay for it; idempotent. */
    synchronized void prepare() throws SQLException {
        register(List.of());
    }

    /** Makes the table and every given partition queryable; idempotent. */
    synchronized void register(Collection<PartitionPath> partitions) throws SQLException {
        try {
            if (!tableReady) {
                ensureTable();
                tableReady = true;
            }
            for (PartitionPath partition : partitions) {
                if (!registered.contains(partition)) {
                    execute("ALTER TABLE " + qualifiedTable() + " ADD IF NOT EXISTS PARTITION (" + partition.hiveSpec()
                            + ") LOCATION '" + settings.location() + "/" + partition.path() + "'");
                    registered.add(partition);
                }
            }
        } catch (SQLException | RuntimeException e) {
            forgetConnection();
            throw e;
        }
    }

    private void ensureTable() throws SQLException {
        execute(DdlGenerator.createTable(SqlDialect.HIVE, settings.database(), settings.table(),
                Optional.of(settings.location())));
        List<String> additions = DdlGenerator.addMissingColumns(SqlDialect.HIVE, settings.database(), settings.table(),
                existingColumns());
        for (String statement : additions) {
            execute(statement);
        }
    }

    private Set<String> existingColumns() throws SQLException {
        Set<String> columns = new HashSet<>();
        DatabaseMetaData meta = connection().getMetaData();
        try (ResultSet rs = meta.getColumns(null, settings.database(), settings.table(), "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME"));
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("Hive reports no columns for " + qualifiedTable() + " right after creating it");
        }
        return columns;
    }

    private String qualifiedTable() {
        return "`" + settings.database() + "`.`" + settings.table() + "`";
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection().createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Properties props = new Properties();
            if (settings.user() != null) {
                props.setProperty("user", settings.user());
            }
            if (settings.password() != null) {
                props.setProperty("password", settings.password());
            }
            // the driver directly: DriverManager would not see a driver loaded by a NAR class loader
            connection = new HiveDriver().connect(settings.jdbcUrl(), props);
            if (connection == null) {
                throw new SQLException("not a HiveServer2 JDBC URL: " + settings.jdbcUrl());
            }
        }
        return connection;
    }

    private void forgetConnection() {
        tableReady = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the connection is already broken; the next attempt opens a new one
                connection = null;
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        forgetConnection();
    }
}
