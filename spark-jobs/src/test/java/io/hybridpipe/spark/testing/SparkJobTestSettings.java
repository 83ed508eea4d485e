package io.hybridpipe.spark.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.SparkConf;

import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import io.hybridpipe.embedded.s3.EmbeddedS3;

/** What the test fixtures share: a local[2] Spark pointed at S3Proxy, and the settings of one isolated test run. */
public final class SparkJobTestSettings {

    private SparkJobTestSettings() {
    }

    public static SparkConf localSpark(String appName, EmbeddedS3 s3, int shufflePartitions) {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
        S3aTestConf.sparkConf(s3).forEach(conf::set);
        return conf;
    }

    /** Storage and warehouse settings as a deployment writes them, isolated per test run by prefix and schema. */
    public static Map<String, String> storageAndWarehouse(String bucket, String name, EmbeddedPostgresServer postgres) {
        Map<String, String> s = new TreeMap<>();
        s.put("hybridpipe.storage.base", "s3a://" + bucket + "/" + name);
        s.put("hybridpipe.warehouse.dialect", "postgresql");
        s.put("hybridpipe.warehouse.jdbc-url", postgres.jdbcUrl());
        s.put("hybridpipe.warehouse.user", EmbeddedPostgresServer.SUPERUSER);
        s.put("hybridpipe.warehouse.schema", name.replace('-', '_'));
        s.put("hybridpipe.warehouse.first-backoff", "50ms");
        return s;
    }

    /** The first column of the first row of a query that returns one number. */
    public static long count(EmbeddedPostgresServer postgres, String sql) throws SQLException {
        try (Connection c = postgres.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
