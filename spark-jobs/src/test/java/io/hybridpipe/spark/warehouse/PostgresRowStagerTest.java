package io.hybridpipe.spark.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetAvro;
import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import io.hybridpipe.spark.batch.BatchRanges;
import io.hybridpipe.spark.batch.KafkaRange;
import io.hybridpipe.spark.testing.TestTweets;
import io.hybridpipe.spark.writer.RowStager.FileRows;
import io.hybridpipe.spark.writer.WrittenFile;

/**
 * Executor-side staging into PostgreSQL 15 and the driver's load from it: a re-staged file replaces its rows, a
 * crashed batch's staged rows are merged once by its replay and then cleared, a file whose rows are not all staged
 * fails the load with nothing loaded.
 */
class PostgresRowStagerTest {

    private static final EmbeddedPostgresServer PG = new EmbeddedPostgresServer();
    private static final WarehouseTable TWEETS = new WarehouseTable("staged", "tweets");
    private static final String FILE_A = "s3://bucket/tweets/dt=2026-11-28/hr=05/onprem.tweets-p0-a.parquet";
    private static final String FILE_B = "s3://bucket/tweets/dt=2026-11-28/hr=06/onprem.tweets-p0-b.parquet";

    private final List<String> statements = new ArrayList<>();
    private PostgresRowStager stager;
    private WarehouseLoader loader;

    @BeforeAll
    static void startPostgres() {
        PG.start();
    }

    @AfterAll
    static void stopPostgres() {
        PG.stop();
    }

    @BeforeEach
    void freshTables() throws SQLException {
        try (Connection c = PG.connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS staged CASCADE");
        }
        JdbcTarget target = new JdbcTarget(PG.jdbcUrl(), EmbeddedPostgresServer.SUPERUSER, "HYBRIDPIPE_TEST_UNSET_PASSWORD");
        stager = new PostgresRowStager(target, TWEETS.staging(), 2, Duration.ofMillis(10));
        loader = new WarehouseLoader(target, new PostgresDialect(new org.apache.hadoop.conf.Configuration(false),
                new io.hybridpipe.spark.writer.ParquetTweetFormat()), TWEETS, 2, Duration.ofMillis(10), statements::add);
        loader.ensureTables();
    }

    private static List<GenericRecord> records(long firstId, int count) throws Exception {
        List<GenericRecord> out = new ArrayList<>();
        for (CanonicalTweet t : StagedBatch.normalize(new TestTweets(firstId).messages(firstId, count))) {
            out.add(TweetAvro.toUtf8Record(t)); // as the writer builds them
        }
        return out;
    }

    private static LoadRequest request(String manifest, long from, List<FileRows> files) {
        List<WrittenFile> written = files.stream()
                .map(f -> new WrittenFile(f.warehouseUri().replaceFirst("^s3://", "s3a://"), 1000, f.rows().size())).toList();
        long rows = written.stream().mapToLong(WrittenFile::rows).sum();
        return new LoadRequest("s3://bucket/tweets/_manifests/" + manifest, new BatchRanges(List.of(
                new KafkaRange("onprem.tweets", 0, from, from + rows))), rows, written.size(), written);
    }

    @Test
    void restagingAFileReplacesItsRowsAndLeavesOtherFilesAlone() throws Exception {
        List<GenericRecord> a = records(1_000, 30);
        stager.stage(List.of(new FileRows(FILE_A, a), new FileRows(FILE_B, records(2_000, 5))));
        stager.stage(List.of(new FileRows(FILE_A, a))); // a retried task, or a replayed batch

        assertThat(count("SELECT count(*) FROM staged.tweets_staging WHERE data_file = '" + FILE_A + "'")).isEqualTo(30);
        assertThat(count("SELECT count(DISTINCT id) FROM staged.tweets_staging WHERE data_file = '" + FILE_A + "'"))
                .isEqualTo(30);
        assertThat(count("SELECT count(*) FROM staged.tweets_staging WHERE data_file = '" + FILE_B + "'")).isEqualTo(5);
    }

    @Test
    void aCrashedBatchsStagedRowsAreMergedOnceByItsReplayAndThenCleared() throws Exception {
        List<FileRows> files = List.of(new FileRows(FILE_A, records(3_000, 20)), new FileRows(FILE_B, records(4_000, 10)));
        LoadRequest batch = request("batch-1.manifest", 0, files);
        stager.stage(files); // the first run dies after staging, before its load
        stager.stage(files); // the replay stages the same files again
        statements.clear();

        LoadResult loaded = loader.load(batch);
        stager.stage(files); // a replay after the commit (the offsets were not committed yet) stages once more
        LoadResult replay = loader.load(batch);

        assertThat(loaded.merged()).isEqualTo(30);
        assertThat(replay.skipped()).isTrue();
        assertThat(count("SELECT count(*) FROM staged.tweets")).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM staged.tweets_staging")).as("staging cleared by the load and the skip")
                .isZero();
        assertThat(count("SELECT sum(file_rows) FROM staged.load_audit")).isEqualTo(30);
        assertThat(statements.subList(0, 6)).extracting(s -> s.split(" ")[0] + " " + s.split(" ")[1]).containsExactly(
                "LOCK TABLE", "SELECT 1", "SELECT data_file,", "MERGE INTO", "DELETE FROM", "INSERT INTO");
        assertThat(statements.get(3)).contains("FROM staged.tweets_staging WHERE data_file = ANY(?)")
                .contains("ROW_NUMBER() OVER (PARTITION BY id");
    }

    @Test
    void stagedRowsKeepTextListsAndTimestampsExactly() throws Exception {
        List<CanonicalTweet> tweets = StagedBatch.normalize(new TestTweets(31).messages(31_000, 40));
        List<GenericRecord> rows = tweets.stream().map(TweetAvro::toUtf8Record).toList();
        FileRows file = new FileRows(FILE_A, rows);
        stager.stage(List.of(file));
        loader.load(request("batch-exact.manifest", 0, List.of(file)));

        for (CanonicalTweet expected : tweets) {
            try (Connection c = PG.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT text, hashtags::text, created_at, payload, ingested_at FROM staged.tweets"
                         + " WHERE id = '" + expected.id() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(expected.text());
                assertThat(rs.getString(2)).isEqualTo("[\"" + expected.hashtags().get(0) + "\"]");
                assertThat(rs.getTimestamp(3).toLocalDateTime())
                        .isEqualTo(java.time.LocalDateTime.ofInstant(expected.createdAt(), java.time.ZoneOffset.UTC));
                assertThat(rs.getString(4)).isEqualTo(expected.payload());
                assertThat(rs.getTimestamp(5).toLocalDateTime())
                        .isEqualTo(java.time.LocalDateTime.ofInstant(expected.ingestedAt(), java.time.ZoneOffset.UTC));
            }
        }
    }

    @Test
    void theLoadMergesOnlyItsOwnFilesRows() throws Exception {
        FileRows mine = new FileRows(FILE_A, records(5_000, 8));
        FileRows otherBatch = new FileRows(FILE_B, records(6_000, 4));
        stager.stage(List.of(mine, otherBatch));

        loader.load(request("batch-2.manifest", 0, List.of(mine)));

        assertThat(count("SELECT count(*) FROM staged.tweets")).isEqualTo(8);
        assertThat(count("SELECT count(*) FROM staged.tweets_staging WHERE data_file = '" + FILE_B + "'")).isEqualTo(4);
    }

    @Test
    void aFileWhoseRowsAreNotAllStagedFailsTheLoadAndLoadsNothing() throws Exception {
        List<FileRows> files = List.of(new FileRows(FILE_A, records(7_000, 10)), new FileRows(FILE_B, records(8_000, 3)));
        stager.stage(files);
        try (Connection c = PG.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM staged.tweets_staging WHERE id = '7004'");
        }

        assertThatThrownBy(() -> loader.load(request("batch-3.manifest", 0, files)))
                .isInstanceOf(WarehouseLoadException.class)
                .hasMessageContaining("does not hold exactly the rows of " + FILE_A + " (9 staged, 10 written)");
        assertThat(count("SELECT count(*) FROM staged.tweets")).isZero();
        assertThat(count("SELECT count(*) FROM staged.load_audit")).isZero();
        assertThat(count("SELECT count(*) FROM staged.tweets_staging")).as("kept for the re-run to replace").isEqualTo(12);
    }

    @Test
    void aRowPostgresRejectsFailsTheTaskWithPostgresOwnDiagnosticAndStagesNothing() throws Exception {
        GenericRecord ok = records(9_000, 1).get(0);
        GenericRecord tooLongId = TweetAvro.toRecord(StagedBatch.normalize(List.of(new TestTweets(9).message("9".repeat(40)))).get(0));

        assertThatThrownBy(() -> stager.stage(List.of(new FileRows(FILE_A, List.of(ok, tooLongId)))))
                .isInstanceOf(WarehouseLoadException.class)
                .hasMessageContaining("could not stage the rows of " + FILE_A + " in staged.tweets_staging")
                .hasMessageContaining("value too long for type character varying(32)")
                .hasMessageMatching("(?s).*COPY tweets_staging, line \\d+, column id: \"9{40}\".*");
        assertThat(count("SELECT count(*) FROM staged.tweets_staging")).isZero();
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = PG.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
