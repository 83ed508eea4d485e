package io.hybridpipe.embedded.hive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;

/**
 * The Spark Thrift Server (HiveServer2 protocol, binary transport) over a Derby metastore, in this JVM.
 * Needs {@code --add-opens=java.base/sun.nio.ch} and {@code java.net} on Java 17; Spark's classpath
 * clashes with NiFi's, so tests of NiFi code start it through {@link HiveServerProcess} instead.
 */
public final class HiveServer implements AutoCloseable {

    /**
     * @param port      HiveServer2 port on 127.0.0.1
     * @param warehouse local folder for managed tables
     * @param metastore local folder holding the Derby metastore database
     * @param hdfs      default file system of the server (e.g. a MiniDFSCluster), or empty for the local one
     */
    public record Settings(int port, Path warehouse, Path metastore, Optional<URI> hdfs) {
        public String jdbcUrl() {
            return "jdbc:hive2://127.0.0.1:" + port + "/default";
        }
    }

    private final Settings settings;
    private final SparkSession spark;
    private final HiveThriftServer2 server;

    private HiveServer(Settings settings, SparkSession spark, HiveThriftServer2 server) {
        this.settings = settings;
        this.spark = spark;
        this.server = server;
    }

    public static HiveServer start(Settings settings) {
        Path metastore = settings.metastore().toAbsolutePath();
        Path warehouse = settings.warehouse().toAbsolutePath();
        // not derby.system.home: with it Derby mangles the in-memory URL of Spark's execution Hive client
        System.setProperty("derby.stream.error.file", metastore.resolve("derby.log").toString());
        createDirectories(metastore.resolve("local-scratch"));
        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName("hybridpipe-hive-server")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.warehouse.dir", warehouse.toUri().toString())
                .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                        "jdbc:derby:;databaseName=" + metastore.resolve("metastore_db") + ";create=true")
                .config("spark.hadoop.datanucleus.schema.autoCreateAll", "true")
                .config("spark.hadoop.hive.metastore.schema.verification", "false")
                // Files are added to existing partitions by other writers (PutHiveLanding): never serve a
                // cached listing, as HiveServer2 itself would not.
                .config("spark.sql.hive.filesourcePartitionFileCacheSize", "0")
                .config("spark.hadoop.hive.exec.scratchdir", metastore.resolve("scratch").toUri().toString())
                .config("spark.hadoop.hive.exec.local.scratchdir", metastore.resolve("local-scratch").toString())
                .config("hive.server2.thrift.bind.host", "127.0.0.1")
                .config("hive.server2.thrift.port", Integer.toString(settings.port()))
                .config("hive.server2.transport.mode", "binary")
                .enableHiveSupport();
        settings.hdfs().ifPresent(uri -> builder.config("spark.hadoop.fs.defaultFS", uri.toString()));
        SparkSession spark = builder.getOrCreate();
        HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
        return new HiveServer(settings, spark, server);
    }

    public String jdbcUrl() {
        return settings.jdbcUrl();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    @Override
    public void close() {
        server.stop();
        spark.stop();
    }
}
