package io.hybridpipe.spark.reconcile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import io.hybridpipe.embedded.hadoop.EmbeddedHdfs;
import io.hybridpipe.embedded.hive.HiveServerProcess;
import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;
import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import io.hybridpipe.embedded.s3.EmbeddedS3;
import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.streaming.StreamingSparkConf;
import io.hybridpipe.spark.testing.SparkJobTestSettings;

/**
 * Both sides of the pipeline for the reconcile tests: on-prem HDFS (MiniDFS) with a HiveServer2 in its own JVM,
 * one Kafka cluster (the on-prem topic and the one the streaming job reads), S3Proxy, PostgreSQL 15 as the warehouse,
 * and one Spark {@code local[2]}.
 */
final class ReconcileTestEngines implements AutoCloseable {

    static final String BUCKET = "hybridpipe-reconcile";

    final Path dir;
    final EmbeddedHdfs hdfs;
    final HiveServerProcess hive;
    final EmbeddedKafkaCluster kafka;
    final EmbeddedS3 s3 = new EmbeddedS3();
    final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();
    final SparkSession spark;
    final JavaSparkContext jsc;

    ReconcileTestEngines() throws Exception {
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "reconcile-");
        hdfs = EmbeddedHdfs.start(dir.resolve("hdfs"));
        hive = HiveServerProcess.start(dir.resolve("hive"), Optional.of(hdfs.hdfsUri()));
        kafka = new EmbeddedKafkaCluster("onprem", dir.resolve("kafka")).start();
        s3.start();
        s3.createBucket(BUCKET);
        postgres.start();
        SparkConf conf = SparkJobTestSettings.localSpark("reconcile-test", s3, 4);
        StreamingSparkConf.withJobDefaults(conf, JobSettings.of(Map.of()));
        spark = SparkSession.builder().config(conf).getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    String rawLocation() {
        return hdfs.hdfsUri() + "/data/raw/tweets";
    }

    /** The settings a deployment would write, one storage prefix, warehouse schema and Kafka topic per name. */
    Map<String, String> settings(String name) {
        Map<String, String> s = new TreeMap<>();
        s.put("hybridpipe.raw.location", rawLocation());
        s.put("hybridpipe.hive.jdbc-url", hive.jdbcUrl());
        s.put("hybridpipe.hive.database", "default");
        s.put("hybridpipe.hive.table", RawLayerLander.TABLE);
        s.put("hybridpipe.kafka.bootstrap.servers", kafka.bootstrapServers());
        s.put("hybridpipe.kafka.topic", "land." + name);
        s.put("hybridpipe.kafka.group.id", "spark-" + name);
        s.put("hybridpipe.onprem.kafka.bootstrap.servers", kafka.bootstrapServers());
        s.put("hybridpipe.onprem.kafka.producer.linger.ms", "5");
        s.putAll(SparkJobTestSettings.storageAndWarehouse(BUCKET, name, postgres));
        return s;
    }

    long count(String sql) throws SQLException {
        return SparkJobTestSettings.count(postgres, sql);
    }

    void execute(String sql) throws SQLException {
        try (Connection c = postgres.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() {
        spark.stop();
        postgres.stop();
        s3.stop();
        kafka.stop();
        hive.stop();
        hdfs.stop();
    }
}
