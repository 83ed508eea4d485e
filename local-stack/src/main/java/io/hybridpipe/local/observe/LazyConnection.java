package io.hybridpipe.local.observe;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One JDBC connection, opened when first needed and dropped after a failure, so the next use reconnects (an engine
 * restarting). Not thread-safe: each probe owns its own.
 */
final class LazyConnection implements AutoCloseable {

    private final SqlConnector connector;
    private final String what;
    private Connection connection;

    /** @param what what the connection reaches, for the error of a failed close */
    LazyConnection(SqlConnector connector, String what) {
        this.connector = connector;
        this.what = what;
    }

    Connection get() throws SQLException {
        if (connection == null) {
            connection = connector.connect();
        }
        return connection;
    }

    boolean isMissingTable(SQLException e) {
        return connector.isMissingTable(e);
    }

    /** Drops the connection; a failure to close it is attached to {@code cause}, or thrown when there is none. */
    void reset(SQLException cause) {
        Connection c = connection;
        connection = null;
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException closeFailure) {
            if (cause == null) {
                throw new IllegalStateException("cannot close the " + what + " connection", closeFailure);
            }
            cause.addSuppressed(closeFailure);
        }
    }

    @Override
    public void close() {
        reset(null);
    }
}
