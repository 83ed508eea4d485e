package io.hybridpipe.local.observe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connections to one SQL engine and recognises its "table does not exist (yet)" error. */
interface SqlConnector {

    Connection connect() throws SQLException;

    boolean isMissingTable(SQLException e);

    /** HiveServer2 (Spark's Thrift Server locally) through the Hive JDBC driver. */
    static SqlConnector hive(String jdbcUrl) {
        return new SqlConnector() {
            @Override
            public Connection connect() throws SQLException {
                Properties props = new Properties();
                props.setProperty("user", "hybridpipe-observer");
                return DriverManager.getConnection(jdbcUrl, props);
            }

            @Override
            public boolean isMissingTable(SQLException e) {
                String m = String.valueOf(e.getMessage());
                return m.contains("TABLE_OR_VIEW_NOT_FOUND") || m.contains("Table or view not found")
                        || m.contains("Table not found");
            }
        };
    }

    /** PostgreSQL (the local stand-in for Redshift). */
    static SqlConnector postgres(String jdbcUrl, String user, String password) {
        return new SqlConnector() {
            @Override
            public Connection connect() throws SQLException {
                Properties props = new Properties();
                props.setProperty("user", user);
                if (password != null) {
                    props.setProperty("password", password);
                }
                return DriverManager.getConnection(jdbcUrl, props);
            }

            @Override
            public boolean isMissingTable(SQLException e) {
                return "42P01".equals(e.getSQLState());
            }
        };
    }
}
