package io.hybridpipe.spark.warehouse;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where the warehouse is, in a form that can be shipped to executors: the JDBC URL, the user and the name of the
 * environment variable holding the password. The password itself is read at each connect, on whichever JVM
 * connects, and is never serialised, kept in settings or logged.
 */
public record JdbcTarget(String jdbcUrl, String user, String passwordEnv) implements ConnectionFactory, Serializable {

    @Override
    public Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        String password = System.getenv(passwordEnv);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, p);
    }

    /** Host and database only: a URL's parameters may carry credentials someone put there anyway. */
    @Override
    public String toString() {
        return "JdbcTarget[" + jdbcUrl.replaceFirst("[?;].*$", "") + " as " + user + "]";
    }
}
