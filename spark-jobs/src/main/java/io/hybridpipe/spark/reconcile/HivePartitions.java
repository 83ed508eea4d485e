package io.hybridpipe.spark.reconcile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hybridpipe.core.partition.PartitionPath;

/**
 * The partitions Hive has registered for the raw table, asked over HiveServer2 JDBC ({@code SHOW PARTITIONS}).
 * A folder on HDFS that Hive does not know is invisible to every Hive query: the report must say so.
 */
public final class HivePartitions {

    // Hive keeps hr as an INT, so it prints hr=5 where the folder is hr=05
    private static final Pattern SPEC = Pattern.compile("dt=(\\d{4}-\\d{2}-\\d{2})/hr=(\\d{1,2})");
    private static final String HIVE_DRIVER = "org.apache.hive.jdbc.HiveDriver";

    private HivePartitions() {
    }

    public static Set<PartitionPath> registered(ReconcileSettings settings, HourRange range) {
        String url = settings.hiveJdbcUrl();
        loadDriver(url);
        Set<PartitionPath> out = new TreeSet<>(ReconcileReport.PARTITION_ORDER);
        try (Connection c = DriverManager.getConnection(url, settings.hiveConnectionProperties());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW PARTITIONS " + settings.hiveTable())) {
            while (rs.next()) {
                Matcher m = SPEC.matcher(rs.getString(1));
                if (m.matches()) {
                    PartitionPath p = new PartitionPath(m.group(1), Integer.parseInt(m.group(2)));
                    if (range.contains(p)) {
                        out.add(p);
                    }
                }
            }
        } catch (SQLException e) {
            throw new SourceUnavailableException("cannot read the partitions of Hive table " + settings.hiveTable()
                    + " over " + url + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static void loadDriver(String url) {
        if (url.startsWith("jdbc:hive2:")) {
            try {
                Class.forName(HIVE_DRIVER);
            } catch (ClassNotFoundException e) {
                throw new SourceUnavailableException("the Hive JDBC driver (" + HIVE_DRIVER + ") is not on the classpath: "
                        + "use a Spark distribution with Hive support or add hive-jdbc with --jars", e);
            }
        }
    }
}
