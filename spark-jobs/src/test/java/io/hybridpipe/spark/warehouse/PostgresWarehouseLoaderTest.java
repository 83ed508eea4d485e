package io.hybridpipe.spark.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import io.hybridpipe.embedded.s3.EmbeddedS3;
import io.hybridpipe.spark.batch.KafkaRange;
import io.hybridpipe.spark.testing.S3aTestConf;
import io.hybridpipe.spark.testing.TestTweets;
import io.hybridpipe.spark.writer.ParquetTweetFormat;
import io.hybridpipe.spark.writer.StorageLayout;

/** The PostgreSQL dialect end to end: Parquet on S3 (S3Proxy) -> COPY FROM STDIN -> MERGE -> load_audit. */
class PostgresWarehouseLoaderTest {

    private static final EmbeddedS3 S3 = new EmbeddedS3();
    private static final EmbeddedPostgresServer PG = new EmbeddedPostgresServer();
    private static Configuration conf;
    private static final StorageLayout LAYOUT = new StorageLayout("s3a://warehouse-test/tweets");
    private static final WarehouseTable TWEETS = new WarehouseTable("public", "tweets");

    private final List<String> statements = new ArrayList<>();
    private WarehouseLoader loader;

    @BeforeAll
    static void startEngines() {
        S3.start();
        S3.createBucket("warehouse-test");
        PG.start();
        conf = S3aTestConf.hadoop(S3);
    }

    @AfterAll
    static void stopEngines() {
        PG.stop();
        S3.stop();
    }

    @BeforeEach
    void freshTables() throws SQLException {
        try (Connection c = PG.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS public.tweets, public.load_audit");
        }
        loader = new WarehouseLoader(PG::connect, new PostgresDialect(conf, new ParquetTweetFormat()), TWEETS,
                3, java.time.Duration.ofMillis(10), statements::add);
        loader.ensureTables();
    }

    @Test
    void loadsEveryRowOnceAndSkipsAManifestAlreadyLoaded() throws Exception {
        List<CanonicalTweet> tweets = StagedBatch.normalize(new TestTweets(1).messages(100, 30));
        LoadRequest request = StagedBatch.stage(conf, LAYOUT, new KafkaRange("aws.tweets", 0, 0, 30),
                List.of(tweets.subList(0, 10), tweets.subList(10, 30)));

        LoadResult first = loader.load(request);
        LoadResult again = loader.load(request);

        assertThat(first.skipped()).isFalse();
        assertThat(first.merged()).isEqualTo(30);
        assertThat(again.skipped()).isTrue();
        assertThat(count("SELECT count(*) FROM public.tweets")).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM public.load_audit WHERE manifest = '" + request.manifestUri()
                + "' AND file_rows = 30 AND merged_rows = 30 AND offset_ranges LIKE '%\"until\":30%'")).isEqualTo(1);
        assertThat(loader.alreadyLoaded(request.manifestUri())).isTrue();
    }

    @Test
    void duplicateIdsInsideAndAcrossBatchesLeaveOneRowPerTweet() throws Exception {
        List<CanonicalTweet> tweets = StagedBatch.normalize(new TestTweets(2).messages(500, 20));
        LoadRequest withRepeats = StagedBatch.stage(conf, LAYOUT, new KafkaRange("aws.tweets", 1, 0, 25),
                List.of(tweets.subList(0, 20), tweets.subList(15, 20)));
        LoadRequest overlapping = StagedBatch.stage(conf, LAYOUT, new KafkaRange("aws.tweets", 1, 25, 35),
                List.of(tweets.subList(10, 20)));

        loader.load(withRepeats);
        LoadResult second = loader.load(overlapping);

        assertThat(second.merged()).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM public.tweets")).isEqualTo(20);
        assertThat(count("SELECT count(DISTINCT id) FROM public.tweets")).isEqualTo(20);
        assertThat(count("SELECT count(*) FROM public.load_audit")).isEqualTo(2);
    }

    @Test
    void rowsKeepTextListsAndTimestampsExactly() throws Exception {
        List<CanonicalTweet> tweets = StagedBatch.normalize(new TestTweets(3).messages(900, 5));
        loader.load(StagedBatch.stage(conf, LAYOUT, new KafkaRange("aws.tweets", 2, 0, 5), List.of(tweets)));

        CanonicalTweet expected = tweets.get(3);
        try (Connection c = PG.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT text, hashtags::text, created_at, payload FROM public.tweets WHERE id = '"
                     + expected.id() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(expected.text());
            assertThat(rs.getString(2)).isEqualTo("[\"" + expected.hashtags().get(0) + "\"]");
            assertThat(rs.getTimestamp(2 + 1).toLocalDateTime())
                    .isEqualTo(java.time.LocalDateTime.ofInstant(expected.createdAt(), java.time.ZoneOffset.UTC));
            assertThat(rs.getString(4)).isEqualTo(expected.payload());
        }
    }

    @Test
    void aRowTheWarehouseRejectsFailsTheLoadWithPostgresOwnDiagnosticAndLoadsNothing() throws Exception {
        CanonicalTweet ok = StagedBatch.normalize(new TestTweets(4).messages(700, 1)).get(0);
        String tooLongId = "9".repeat(40);
        CanonicalTweet bad = StagedBatch.normalize(List.of(new TestTweets(4).message(tooLongId))).get(0);
        LoadRequest request = StagedBatch.stage(conf, LAYOUT, new KafkaRange("aws.tweets", 3, 0, 2), List.of(List.of(ok, bad)));

        assertThatThrownBy(() -> loader.load(request))
                .isInstanceOf(WarehouseLoadException.class)
                .hasMessageContaining("value too long for type character varying(32)")
                .hasMessageContaining("COPY hp_stage_raw, line 2");
        assertThat(count("SELECT count(*) FROM public.tweets")).isZero();
        assertThat(count("SELECT count(*) FROM public.load_audit")).isZero();
    }

    @Test
    void aManifestFileThatIsMissingFailsTheLoad() throws Exception {
        List<CanonicalTweet> tweets = StagedBatch.normalize(new TestTweets(5).messages(800, 3));
        LoadRequest request = StagedBatch.stage(conf, LAYOUT, new KafkaRange("aws.tweets", 4, 0, 3), List.of(tweets));
        org.apache.hadoop.fs.Path file = LAYOUT.dataFile("dt=2026-11-28/hr=00", new KafkaRange("aws.tweets", 4, 0, 3), "parquet");
        file.getFileSystem(conf).delete(file, false);

        assertThatThrownBy(() -> loader.load(request))
                .isInstanceOf(WarehouseLoadException.class)
                .hasMessageContaining("could not read the files of " + request.manifestUri());
        assertThat(count("SELECT count(*) FROM public.load_audit")).isZero();
    }

    @Test
    void theTransactionIssuesTheStatementsInOrder() throws Exception {
        List<CanonicalTweet> tweets = StagedBatch.normalize(new TestTweets(6).messages(1000, 2));
        LoadRequest request = StagedBatch.stage(conf, LAYOUT, new KafkaRange("aws.tweets", 5, 0, 2), List.of(tweets));
        statements.clear();

        loader.load(request);

        assertThat(statements).extracting(s -> s.split(" ")[0] + " " + s.split(" ")[1]).containsExactly(
                "LOCK TABLE", "SELECT 1", "CREATE TEMP", "COPY hp_stage_raw", "MERGE INTO", "DROP TABLE", "INSERT INTO");
        assertThat(statements.get(4)).contains("USING (SELECT ").contains("ROW_NUMBER() OVER (PARTITION BY id");
    }

    @Test
    void schemaAndTableNamesAreValidatedNotEscaped() {
        assertThatThrownBy(() -> new WarehouseTable("public; DROP TABLE tweets", "tweets"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warehouse schema");
        assertThatThrownBy(() -> new WarehouseTable("public", "tweets--"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warehouse table");
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
