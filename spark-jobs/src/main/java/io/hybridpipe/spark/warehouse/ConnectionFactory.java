package io.hybridpipe.spark.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new warehouse connection per load attempt, so a retry never inherits a broken session. */
@FunctionalInterface
public interface ConnectionFactory {

    Connection open() throws SQLException;

    /** The password is read from {@code passwordEnv} at each connect and never kept in settings or logs. */
    static ConnectionFactory fromEnvironment(String jdbcUrl, String user, String passwordEnv) {
        return new JdbcTarget(jdbcUrl, user, passwordEnv);
    }
}
