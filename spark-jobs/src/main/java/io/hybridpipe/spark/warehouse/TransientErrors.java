package io.hybridpipe.spark.warehouse;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Locale;

/** Which SQL failures are worth retrying: lost connections, serialization conflicts, a cluster restarting. */
final class TransientErrors {

    private TransientErrors() {
    }

    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            // Redshift reports error 1023 with SQLSTATE XX000
            if (message.contains("serializable isolation violation")) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08")          // connection exception
                || state.equals("40001")       // serialization failure
                || state.equals("40P01")       // deadlock detected
                || state.equals("53300")       // too many connections
                || state.equals("57P01")       // admin shutdown
                || state.equals("57P03");      // cannot connect now (starting up)
    }
}
