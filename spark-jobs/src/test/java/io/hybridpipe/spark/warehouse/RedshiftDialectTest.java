package io.hybridpipe.spark.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetSchema;
import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import io.hybridpipe.embedded.postgres.RedshiftStartupFilterProxy;
import io.hybridpipe.embedded.s3.EmbeddedS3;
import io.hybridpipe.spark.batch.KafkaRange;
import io.hybridpipe.spark.testing.S3aTestConf;
import io.hybridpipe.spark.testing.TestTweets;
import io.hybridpipe.spark.writer.ParquetTweetFormat;
import io.hybridpipe.spark.writer.StorageLayout;

/**
 * The Redshift dialect: every statement it issues checked against the expected Redshift SQL, and all but
 * the COPY executed through {@code redshift-jdbc42} against PostgreSQL 15 (the Amazon Redshift double,
 * reached through {@link RedshiftStartupFilterProxy}).
 */
class RedshiftDialectTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/hybridpipe-redshift-copy";
    private static final String COLUMNS = "id, text, source, is_retweet, author_id, author_username, author_name, "
            + "author_location, author_description, created_at, retweet_count, in_reply_to_user_id, in_reply_to_tweet_id, "
            + "author_followers_count, author_following_count, author_tweet_count, lang, conversation_id, like_count, "
            + "reply_count, quote_count, hashtags, mentions, urls, matching_rule_tags, ingested_at, payload";

    private static final EmbeddedS3 S3 = new EmbeddedS3();
    private static final EmbeddedPostgresServer PG = new EmbeddedPostgresServer();
    private static RedshiftStartupFilterProxy proxy;
    private static Configuration conf;
    private static final StorageLayout LAYOUT = new StorageLayout("s3a://redshift-test/tweets");
    private static final WarehouseTable TWEETS = new WarehouseTable("public", "tweets");

    @BeforeAll
    static void startEngines() {
        S3.start();
        S3.createBucket("redshift-test");
        PG.start();
        proxy = new RedshiftStartupFilterProxy("127.0.0.1", PG.port());
        conf = S3aTestConf.hadoop(S3);
        // PostgreSQL types for the tables (Redshift's DISTKEY/SUPER DDL is checked as text below)
        new WarehouseLoader(PG::connect, new PostgresDialect(conf, new ParquetTweetFormat()), TWEETS).ensureTables();
    }

    @AfterAll
    static void stopEngines() {
        proxy.close();
        PG.stop();
        S3.stop();
    }

    private static Connection redshiftJdbc() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", EmbeddedPostgresServer.SUPERUSER);
        p.setProperty("password", "trust-auth-ignores-it");
        return DriverManager.getConnection(proxy.redshiftJdbcUrl("postgres"), p);
    }

    @Test
    void copyIsParquetFromTheManifestWithTheIamRoleAndNoKeys() {
        String copy = new RedshiftDialect(ROLE).copyStatement("hp_stage_raw", "s3://bucket/tweets/_manifests/batch-1.manifest");

        assertThat(copy).isEqualTo("COPY hp_stage_raw FROM 's3://bucket/tweets/_manifests/batch-1.manifest' "
                + "IAM_ROLE 'arn:aws:iam::123456789012:role/hybridpipe-redshift-copy' "
                + "FORMAT AS PARQUET SERIALIZETOJSON MANIFEST STATUPDATE OFF COMPUPDATE OFF");
    }

    @Test
    void roleAndManifestThatCouldBreakOutOfTheLiteralAreRefused() {
        assertThatThrownBy(() -> new RedshiftDialect("arn:aws:iam::123456789012:role/x' ACCESS_KEY_ID 'AKIA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IAM role");
        assertThatThrownBy(() -> new RedshiftDialect(ROLE).copyStatement("hp_stage_raw", "s3://bucket/a'; DROP TABLE x; --"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("manifest");
    }

    @Test
    void tableDdlIsDistributedAndSortedAndTheAuditTableIsAsExpected() {
        WarehouseLoader loader = new WarehouseLoader(() -> {
            throw new SQLException("no connection needed");
        }, new RedshiftDialect(ROLE), TWEETS);

        List<String> ddl = loader.tableStatements(new java.util.HashSet<>(TweetSchema.columnNames()));

        assertThat(ddl).hasSize(3);
        assertThat(ddl.get(0)).isEqualTo("CREATE SCHEMA IF NOT EXISTS public");
        assertThat(ddl.get(1)).startsWith("CREATE TABLE IF NOT EXISTS public.tweets (")
                .contains("DISTKEY (id)").contains("SORTKEY (created_at)").contains("hashtags SUPER")
                .contains("payload VARCHAR(65535) NOT NULL");
        assertThat(ddl.get(2)).isEqualTo("CREATE TABLE IF NOT EXISTS public.load_audit (\n"
                + "  manifest VARCHAR(1024) NOT NULL,\n"
                + "  offset_ranges VARCHAR(65535) NOT NULL,\n"
                + "  file_rows BIGINT NOT NULL,\n"
                + "  merged_rows BIGINT NOT NULL,\n"
                + "  loaded_at TIMESTAMP NOT NULL,\n"
                + "  PRIMARY KEY (manifest)\n)");
    }

    @Test
    void aLoadIssuesExactlyTheExpectedStatementsAndTheNonCopyOnesRunThroughRedshiftJdbc() throws Exception {
        List<CanonicalTweet> tweets = StagedBatch.normalize(new TestTweets(11).messages(42_000, 12));
        LoadRequest request = StagedBatch.stage(conf, LAYOUT, new KafkaRange("aws.tweets", 0, 100, 112),
                List.of(tweets.subList(0, 8), tweets.subList(4, 12)));
        List<String> statements = new ArrayList<>();
        WarehouseLoader loader = new WarehouseLoader(RedshiftDialectTest::redshiftJdbc,
                new RedshiftCopyDouble(new RedshiftDialect(ROLE), conf), TWEETS, 2, Duration.ofMillis(10), statements::add);

        LoadResult result = loader.load(request);
        LoadResult replay = loader.load(request);

        String prefixed = COLUMNS.replaceAll("(\\w+)", "s.$1");
        String updates = String.join(", ", java.util.Arrays.stream(COLUMNS.split(", ")).skip(1).map(c -> c + " = s." + c).toList());
        assertThat(statements).containsExactly(
                "LOCK TABLE public.load_audit",
                "SELECT 1 FROM public.load_audit WHERE manifest = ?",
                "CREATE TEMP TABLE hp_stage_raw (LIKE public.tweets)",
                "CREATE TEMP TABLE hp_stage (LIKE public.tweets)",
                "COPY hp_stage_raw FROM '" + request.manifestUri() + "' IAM_ROLE '" + ROLE
                        + "' FORMAT AS PARQUET SERIALIZETOJSON MANIFEST STATUPDATE OFF COMPUPDATE OFF",
                "INSERT INTO hp_stage SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS
                        + ", ROW_NUMBER() OVER (PARTITION BY id ORDER BY ingested_at DESC) AS hp_rn FROM hp_stage_raw) d"
                        + " WHERE d.hp_rn = 1",
                "MERGE INTO public.tweets USING hp_stage s ON public.tweets.id = s.id WHEN MATCHED THEN UPDATE SET "
                        + updates + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (" + prefixed + ")",
                "DROP TABLE hp_stage",
                "DROP TABLE hp_stage_raw",
                "INSERT INTO public.load_audit (manifest, offset_ranges, file_rows, merged_rows, loaded_at) VALUES (?, ?, ?, ?, ?)",
                "LOCK TABLE public.load_audit",
                "SELECT 1 FROM public.load_audit WHERE manifest = ?");
        assertThat(result.merged()).isEqualTo(12);
        assertThat(replay.skipped()).isTrue();
        try (Connection c = redshiftJdbc(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT id) FROM public.tweets WHERE id LIKE '420%'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(12);
            assertThat(rs.getLong(2)).isEqualTo(12);
        }
    }

    @Test
    void aFailedCopyIsExplainedFromSysLoadErrorDetail() throws Exception {
        // a double of Redshift's system view and pg_last_copy_id(), holding what Redshift would record
        try (Connection c = PG.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS redshift_double");
            st.execute("CREATE TABLE redshift_double.sys_load_error_detail (query_id int, file_name text, line_number bigint,"
                    + " column_name text, error_code int, error_message text)");
            st.execute("INSERT INTO redshift_double.sys_load_error_detail VALUES (77, 's3://b/tweets/dt=2026-11-28/hr=05/x.parquet',"
                    + " 3, 'id', 1216, 'String length exceeds DDL length')");
            st.execute("CREATE FUNCTION redshift_double.pg_last_copy_id() RETURNS int LANGUAGE sql AS 'SELECT 77'");
        }
        try (Connection c = redshiftJdbc()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET search_path = redshift_double, public");
            }
            String described = new RedshiftDialect(ROLE).describeFailure(c,
                    new SQLException("ERROR: Load into table 'hp_stage_raw' failed. Check 'sys_load_error_detail' system table for details."));

            assertThat(described)
                    .startsWith("ERROR: Load into table 'hp_stage_raw' failed.")
                    .contains("load errors: s3://b/tweets/dt=2026-11-28/hr=05/x.parquet line 3 column id: error 1216 "
                            + "String length exceeds DDL length");
        }
    }
}
