package io.hybridpipe.local.observe;

import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.embedded.hadoop.EmbeddedHdfs;
import io.hybridpipe.embedded.hive.HiveServerProcess;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Hive probe on MiniDFS and HiveServer2 (Spark's Thrift Server): it counts what a query would read, and its
 * final read through SQL agrees with what it counted from the files.
 */
class HiveFilesProbeTest {

    private static final MessageType IDS = MessageTypeParser.parseMessageType("message tweet { required binary id (UTF8); }");

    static java.nio.file.Path dir;
    static EmbeddedHdfs hdfs;
    static HiveServerProcess hive;

    @BeforeAll
    static void startEngines() throws Exception {
        dir = Files.createTempDirectory(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), "hive-files-probe-");
        hdfs = EmbeddedHdfs.start(dir.resolve("dfs"));
        hive = HiveServerProcess.start(dir.resolve("hive"), Optional.of(hdfs.hdfsUri()));
    }

    @AfterAll
    static void stopEngines() throws Exception {
        try (AutoCloseable h = hdfs; AutoCloseable s = hive) {
            // both stopped, the Thrift Server first
        }
    }

    @Test
    void countsTheVisibleFilesOfRegisteredPartitionsOnlyEachOnceAndAgreesWithSql() throws Exception {
        String table = "counted_tweets";
        String location = createTable(table);
        PartitionPath partition = PartitionPath.of(Instant.parse("2026-11-29T07:15:00Z"));
        List<String> landed = TestTweets.ids(1_862_500_000_000_000_000L, 30);
        writeIds(location + "/" + partition.path() + "/tweets-a.parquet", landed);
        // what a landing leaves behind that no query reads: its temporary, a marker, a staging folder
        writeIds(location + "/" + partition.path() + "/.tweets-b.parquet.1234.tmp", TestTweets.ids(1_862_500_100_000_000_000L, 5));
        writeIds(location + "/" + partition.path() + "/_SUCCESS", List.of());
        writeIds(location + "/.hive-staging_1/dt=2026-11-29/hr=07/tweets-c.parquet", TestTweets.ids(1_862_500_200_000_000_000L, 5));

        SettableClock clock = new SettableClock(Instant.parse("2026-11-29T07:16:00Z"));
        try (HiveFilesProbe probe = probe(table, location, new LatencyTracker(1, clock), clock)) {
            assertThat(probe.poll().records()).as("the partition is not registered: no query reads its files").isZero();

            execute("ALTER TABLE default." + table + " ADD PARTITION (" + partition.hiveSpec() + ") LOCATION '"
                    + location + "/" + partition.path() + "'");
            ProbeReading reading = probe.poll();
            assertThat(reading.records()).isEqualTo(30);
            assertThat(reading.distinct()).isEqualTo(30);
            assertThat(probe.poll().records()).as("a file is read once").isEqualTo(30);

            List<String> second = TestTweets.ids(1_862_500_300_000_000_000L, 7);
            writeIds(location + "/" + partition.path() + "/tweets-d.parquet", second);
            assertThat(probe.poll().records()).isEqualTo(37);

            IdCounts bySql = probe.contents();
            List<String> all = new ArrayList<>(landed);
            all.addAll(second);
            assertThat(bySql.total()).isEqualTo(37);
            assertThat(all).allSatisfy(id -> assertThat(bySql.count(id)).as(id).isEqualTo(1));
        }
    }

    @Test
    void aFileThatIsNotParquetFailsThePollWithItsPathAtEveryPollWhileTheOthersAreCounted() throws Exception {
        String table = "corrupt_tweets";
        String location = createTable(table);
        PartitionPath partition = PartitionPath.of(Instant.parse("2026-11-29T07:40:00Z"));
        execute("ALTER TABLE default." + table + " ADD PARTITION (" + partition.hiveSpec() + ") LOCATION '"
                + location + "/" + partition.path() + "'");
        List<String> good = TestTweets.ids(1_862_500_500_000_000_000L, 4);
        writeIds(location + "/" + partition.path() + "/tweets-good.parquet", good);
        Path corrupt = new Path(location + "/" + partition.path() + "/tweets-corrupt.parquet");
        FileSystem fs = FileSystem.get(corrupt.toUri(), new Configuration());
        try (var out = fs.create(corrupt)) {
            out.write("{\"id\":\"not parquet\"}\n".getBytes(StandardCharsets.UTF_8));
        }

        SettableClock clock = new SettableClock(Instant.parse("2026-11-29T07:41:00Z"));
        LatencyTracker latency = new LatencyTracker(1, clock);
        good.forEach(id -> latency.register(id, Instant.parse("2026-11-29T07:40:00Z")));
        try (HiveFilesProbe probe = probe(table, location, latency, clock)) {
            for (int poll = 0; poll < 2; poll++) {
                assertThatThrownBy(probe::poll).as("poll %d", poll)
                        .isInstanceOf(IOException.class).hasMessageContaining("tweets-corrupt.parquet");
            }
            // listed after the corrupt file, the good one was read all the same: its tweets were seen
            assertThat(latency.samples()).extracting(LatencySample::tweetId).containsExactlyInAnyOrderElementsOf(good);
            fs.delete(corrupt, false);
            assertThat(probe.poll().records()).as("the good file, counted once").isEqualTo(4);
        }
    }

    @Test
    void aSampledTweetFoundBeforeKafkaRegisteredItIsSeenWhenItsFileWasFound() throws Exception {
        String table = "sampled_tweets";
        String location = createTable(table);
        Instant createdAt = Instant.parse("2026-11-29T07:20:00Z");
        PartitionPath partition = PartitionPath.of(createdAt);
        execute("ALTER TABLE default." + table + " ADD PARTITION (" + partition.hiveSpec() + ") LOCATION '"
                + location + "/" + partition.path() + "'");
        String id = "1862500400000000001";
        writeIds(location + "/" + partition.path() + "/tweets-a.parquet", List.of(id));

        SettableClock clock = new SettableClock(createdAt.plusSeconds(4));
        LatencyTracker latency = new LatencyTracker(1, clock);
        try (HiveFilesProbe probe = probe(table, location, latency, clock)) {
            assertThat(probe.poll().records()).isEqualTo(1);
            assertThat(latency.samples()).as("Kafka onprem has not registered it yet").isEmpty();

            clock.advance(Duration.ofSeconds(3));
            latency.register(id, createdAt);
            probe.poll();

            assertThat(latency.samples()).singleElement().satisfies(s -> {
                assertThat(s.stage()).isEqualTo(Stage.HIVE);
                assertThat(s.seenAt()).as("when its file was found, not when Kafka caught up").isEqualTo(createdAt.plusSeconds(4));
            });
        }
    }

    @Test
    void theFirstPollOpensTheHiveSessionBeforeAnyTweetLands() throws Exception {
        String table = "early_tweets";
        String location = createTable(table);
        SqlConnector hiveSql = SqlConnector.hive(hive.jdbcUrl());
        AtomicInteger connects = new AtomicInteger();
        SqlConnector counting = new SqlConnector() {
            @Override
            public Connection connect() throws SQLException {
                connects.incrementAndGet();
                return hiveSql.connect();
            }

            @Override
            public boolean isMissingTable(SQLException e) {
                return hiveSql.isMissingTable(e);
            }
        };
        SettableClock clock = new SettableClock(Instant.parse("2026-11-29T07:30:00Z"));
        try (HiveFilesProbe probe = probe(table, location, new LatencyTracker(1, clock), clock, counting)) {
            assertThat(probe.poll().records()).isZero();
            assertThat(connects).as("the metastore was asked at the first poll, with nothing landed").hasValue(1);
            probe.poll();
            assertThat(connects).as("and the session is kept").hasValue(1);
        }
    }

    private static HiveFilesProbe probe(String table, String location, LatencyTracker latency, SettableClock clock) {
        return probe(table, location, latency, clock, SqlConnector.hive(hive.jdbcUrl()));
    }

    private static HiveFilesProbe probe(String table, String location, LatencyTracker latency, SettableClock clock,
                                        SqlConnector sql) {
        LazyConnection connection = new LazyConnection(sql, "Hive");
        return new HiveFilesProbe(new PartitionedTableFiles(location, new Configuration()),
                new HivePartitions(connection, "default." + table),
                new JdbcTableProbe(Stage.HIVE, connection, "default." + table, latency, clock), latency, clock);
    }

    private static String createTable(String table) throws SQLException {
        String location = hdfs.hdfsUri() + "/data/" + table;
        try (Connection c = HiveRows.connect(hive.jdbcUrl())) {
            HiveRows.createTable(c, table, location);
        }
        return location;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = HiveRows.connect(hive.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void writeIds(String file, List<String> ids) throws Exception {
        Configuration conf = new Configuration();
        Path path = new Path(file);
        if (ids.isEmpty()) {
            FileSystem.get(path.toUri(), conf).create(path).close();
            return;
        }
        SimpleGroupFactory rows = new SimpleGroupFactory(IDS);
        try (ParquetWriter<Group> writer =
                     ExampleParquetWriter.builder(HadoopOutputFile.fromPath(path, conf)).withType(IDS).build()) {
            for (String id : ids) {
                writer.write(rows.newGroup().append("id", id));
            }
        }
    }
}
