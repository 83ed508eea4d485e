package io.hybridpipe.embedded.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.hybridpipe.embedded.hadoop.EmbeddedHdfs;

/** The Hive server in its own JVM, over external Parquet data on a MiniDFSCluster in this JVM. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HiveServerProcessTest {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message events { required binary id (STRING); required int64 n; }");

    @TempDir
    static Path dir;

    static EmbeddedHdfs hdfs;
    static HiveServerProcess hive;
    static String tableLocation;

    @BeforeAll
    static void start() {
        hdfs = EmbeddedHdfs.start(dir.resolve("dfs"));
        hive = HiveServerProcess.start(dir.resolve("hive"), Optional.of(hdfs.hdfsUri()));
        tableLocation = hdfs.hdfsUri() + "/landing/events";
    }

    @AfterAll
    static void stop() {
        if (hive != null) {
            hive.close();
        }
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Test
    @Order(1)
    void createsAnExternalPartitionedTableAndQueriesAnAddedPartition() throws Exception {
        writeParquet(tableLocation + "/dt=2026-11-28/hr=07/part-a.parquet", "a", 1, 2, 3);
        execute("CREATE EXTERNAL TABLE IF NOT EXISTS default.events (id STRING, n BIGINT) "
                + "PARTITIONED BY (dt STRING, hr INT) STORED AS PARQUET LOCATION '" + tableLocation + "'");
        execute("ALTER TABLE default.events ADD IF NOT EXISTS PARTITION (dt='2026-11-28', hr=7) "
                + "LOCATION '" + tableLocation + "/dt=2026-11-28/hr=07'");

        assertThat(query("SHOW PARTITIONS default.events")).containsExactly("dt=2026-11-28/hr=7");
        assertThat(query("SELECT count(*), sum(n) FROM default.events WHERE dt='2026-11-28' AND hr=7"))
                .containsExactly("3|6");
    }

    @Test
    @Order(2)
    void seesAFileAddedToAnExistingPartitionWithoutARefresh() throws Exception {
        writeParquet(tableLocation + "/dt=2026-11-28/hr=07/part-b.parquet", "b", 10);
        assertThat(query("SELECT count(*), sum(n) FROM default.events")).containsExactly("4|16");
    }

    @Test
    @Order(3)
    void keepsTheMetastoreAcrossARestartOnTheSamePort() throws Exception {
        String url = hive.jdbcUrl();
        hive.stop();
        assertThat(hive.isRunning()).isFalse();
        assertThatThrownBy(() -> query("SELECT 1")).isInstanceOf(SQLException.class);

        hive.restart();
        assertThat(hive.jdbcUrl()).isEqualTo(url);
        assertThat(query("SELECT count(*) FROM default.events")).containsExactly("4");
        execute("ALTER TABLE default.events ADD COLUMNS (lang STRING)");
        assertThat(query("SELECT count(*) FROM default.events WHERE lang IS NULL")).containsExactly("4");
    }

    private static void writeParquet(String uri, String idPrefix, long... values) throws IOException {
        Configuration conf = hdfs.clientConfiguration();
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(uri))
                .withConf(conf).withType(SCHEMA).build()) {
            for (int i = 0; i < values.length; i++) {
                writer.write(groups.newGroup().append("id", idPrefix + i).append("n", values[i]));
            }
        }
        try (FileSystem fs = FileSystem.newInstance(hdfs.hdfsUri(), conf)) {
            assertThat(fs.exists(new org.apache.hadoop.fs.Path(uri))).isTrue();
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(hive.jdbcUrl(), "test", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(hive.jdbcUrl(), "test", "")) {
            return HiveQueries.rows(c, sql);
        }
    }
}
