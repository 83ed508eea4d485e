package io.hybridpipe.spark.streaming;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.SparkConf;

import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;
import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import io.hybridpipe.embedded.s3.EmbeddedS3;
import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.testing.SparkJobTestSettings;

/** The engines one streaming test class shares: Kafka {@code aws}, S3Proxy, PostgreSQL 15. */
final class StreamingTestEngines implements AutoCloseable {

    static final String BUCKET = "hybridpipe-tweets";

    final EmbeddedKafkaCluster kafka;
    final EmbeddedS3 s3 = new EmbeddedS3();
    final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    StreamingTestEngines() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-");
        kafka = new EmbeddedKafkaCluster("aws", dir).start();
        s3.start();
        s3.createBucket(BUCKET);
        postgres.start();
    }

    SparkConf sparkConf(String appName) {
        return SparkJobTestSettings.localSpark(appName, s3, 2);
    }

    /** Job settings as a deployment would write them, isolated per test by topic, group, prefix and schema. */
    JobSettings settings(String name) {
        Map<String, String> s = new TreeMap<>();
        s.put("hybridpipe.kafka.bootstrap.servers", kafka.bootstrapServers());
        s.put("hybridpipe.kafka.topic", "onprem." + name);
        s.put("hybridpipe.kafka.group.id", "spark-" + name);
        s.putAll(SparkJobTestSettings.storageAndWarehouse(BUCKET, name, postgres));
        return JobSettings.of(s);
    }

    long count(String sql) throws SQLException {
        return SparkJobTestSettings.count(postgres, sql);
    }

    List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = postgres.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public void close() {
        postgres.stop();
        s3.stop();
        kafka.stop();
    }
}
