package io.hybridpipe.nifi.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PutHiveLanding in nifi-mock against a real MiniDFSCluster and the Spark Thrift Server (HiveServer2 protocol). */
class PutHiveLandingTest {

    private static final Instant HOUR_7 = Instant.parse("2026-11-28T07:00:00Z");

    @TempDir
    static Path dir;

    static LandingEngines engines;

    @BeforeAll
    static void startEngines() {
        engines = new LandingEngines(dir);
    }

    @AfterAll
    static void stopEngines() {
        if (engines != null) {
            engines.close();
        }
    }

    private static TestRunner runner(String table) {
        TestRunner runner = TestRunners.newTestRunner(PutHiveLanding.class);
        runner.setProperty(LandingProperties.HADOOP_CONFIGURATION_RESOURCES, engines.hadoopSiteFile.toString());
        runner.setProperty(LandingProperties.TABLE_LOCATION, engines.tableLocation(table));
        runner.setProperty(LandingProperties.JDBC_URL, engines.hive.jdbcUrl());
        runner.setProperty(LandingProperties.HIVE_USER, "nifi");
        runner.setProperty(LandingProperties.DATABASE, "default");
        runner.setProperty(LandingProperties.TABLE, table);
        return runner;
    }

    @Test
    void landsTweetsQueryableOverHiveAndRoutesInvalidLinesWithTheirReason() throws Exception {
        TestRunner runner = runner("landing_basic");
        List<String> lines = new ArrayList<>(TestTweets.tweets(1000, 6, HOUR_7, 2));
        lines.add(2, "{\"data\":{\"id\":\"broken\"");
        lines.add(4, "{\"errors\":[{\"title\":\"operational-disconnect\",\"disconnect_type\":\"UpstreamOperationalDisconnect\"}]}");
        lines.add("{\"data\":{\"id\":\"77\",\"text\":\"no date\"}}");
        runner.enqueue(TestTweets.ndjson(lines));

        runner.run();

        runner.assertTransferCount(PutHiveLanding.REL_SUCCESS, 1);
        runner.assertTransferCount(PutHiveLanding.REL_RETRY, 0);
        MockFlowFile landed = runner.getFlowFilesForRelationship(PutHiveLanding.REL_SUCCESS).get(0);
        landed.assertAttributeEquals(LandingAttributes.ROWS_WRITTEN, "6");
        landed.assertAttributeEquals(LandingAttributes.ROWS_INVALID, "3");
        landed.assertAttributeEquals(LandingAttributes.PARTITIONS, "dt=2026-11-28/hr=07,dt=2026-11-28/hr=08");
        assertThat(landed.getAttribute(LandingAttributes.TARGET_PATHS).split(",")).hasSize(2)
                .allMatch(p -> p.startsWith(engines.tableLocation("landing_basic") + "/dt=2026-11-28/hr=0"));

        runner.assertTransferCount(PutHiveLanding.REL_INVALID, 1);
        String invalid = runner.getFlowFilesForRelationship(PutHiveLanding.REL_INVALID).get(0)
                .getContent();
        assertThat(invalid.split("\n")).hasSize(3);
        assertThat(invalid).contains("\"line_number\":3", "\"line_number\":5", "\"line_number\":9",
                "not a tweet message", "missing data.created_at", "broken");

        assertThat(engines.query("SELECT count(*), count(DISTINCT id) FROM default.landing_basic"))
                .containsExactly("6|6");
        assertThat(engines.query("SHOW PARTITIONS default.landing_basic"))
                .containsExactly("dt=2026-11-28/hr=7", "dt=2026-11-28/hr=8");
        assertThat(engines.query("SELECT id, author_username, like_count, matching_rule_tags[0] FROM"
                + " default.landing_basic WHERE id = '1001'")).containsExactly("1001|landing_test|3|test");
        assertThat(engines.visibleFiles(engines.tableLocation("landing_basic"))).hasSize(2);
    }

    @Test
    void aRedeliveredFlowFileRewritesNothingAndAddsNoRow() throws Exception {
        TestRunner runner = runner("landing_redelivery");
        byte[] content = TestTweets.ndjson(TestTweets.tweets(2000, 5, HOUR_7, 1));
        runner.enqueue(content);
        runner.run();
        runner.enqueue(content);
        runner.run();

        List<MockFlowFile> landed = runner.getFlowFilesForRelationship(PutHiveLanding.REL_SUCCESS);
        assertThat(landed).hasSize(2);
        landed.get(0).assertAttributeEquals(LandingAttributes.FILES_ALREADY_LANDED, "0");
        landed.get(1).assertAttributeEquals(LandingAttributes.FILES_ALREADY_LANDED, "1");
        assertThat(landed.get(1).getAttribute(LandingAttributes.TARGET_PATHS))
                .isEqualTo(landed.get(0).getAttribute(LandingAttributes.TARGET_PATHS));
        assertThat(engines.query("SELECT count(*), count(DISTINCT id) FROM default.landing_redelivery"))
                .containsExactly("5|5");
    }

    @Test
    void splitsAPartitionIntoFilesOfAtMostMaxRowsAndHonoursTheCompression() throws Exception {
        for (String compression : List.of("ZSTD", "GZIP", "NONE")) {
            String table = "landing_" + compression.toLowerCase();
            TestRunner runner = runner(table);
            runner.setProperty(LandingProperties.COMPRESSION, compression);
            runner.setProperty(LandingProperties.MAX_ROWS_PER_FILE, "2");
            runner.enqueue(TestTweets.ndjson(TestTweets.tweets(3000, 5, HOUR_7, 1)));
            runner.run();

            runner.assertAllFlowFilesTransferred(PutHiveLanding.REL_SUCCESS, 1);
            assertThat(engines.visibleFiles(engines.tableLocation(table))).hasSize(3)
                    .allMatch(name -> name.matches("dt=2026-11-28/hr=07/tweets-[0-9a-f]{64}-0000[0-2]\\.parquet"));
            assertThat(engines.query("SELECT count(*), count(DISTINCT id) FROM default." + table))
                    .containsExactly("5|5");
        }
    }

    @Test
    void addsTheColumnsTheCanonicalSchemaHasGrown() throws Exception {
        String table = "landing_growth";
        engines.execute("CREATE EXTERNAL TABLE default." + table + " (id STRING, text STRING) PARTITIONED BY"
                + " (dt STRING, hr INT) STORED AS PARQUET LOCATION '" + engines.tableLocation(table) + "'");
        TestRunner runner = runner(table);
        runner.enqueue(TestTweets.ndjson(TestTweets.tweets(4000, 3, HOUR_7, 1)));
        runner.run();

        runner.assertAllFlowFilesTransferred(PutHiveLanding.REL_SUCCESS, 1);
        List<String> columns = engines.query("SHOW COLUMNS IN default." + table);
        assertThat(columns).contains("quote_count", "matching_rule_tags", "payload", "ingested_at");
        assertThat(engines.query("SELECT count(*), sum(quote_count) FROM default." + table)).containsExactly("3|12");
    }

    @Test
    void hdfsDownSendsTheFlowFileToRetryWithNoVisibleFileAndARetryLandsItOnce() throws Exception {
        String table = "landing_hdfs_down";
        byte[] content = TestTweets.ndjson(TestTweets.tweets(5000, 4, HOUR_7, 1));
        TestRunner runner = runner(table);
        MockFlowFile retried = runWhileDown(runner, content, engines.hdfs::stop, engines.hdfs::restart);
        assertThat(retried.isPenalized()).isTrue();
        assertThat(retried.getAttribute(LandingAttributes.RETRY_REASON)).startsWith("HDFS: ");
        assertThat(engines.visibleFiles(engines.tableLocation(table))).isEmpty();

        redeliver(runner, retried);

        runner.assertAllFlowFilesTransferred(PutHiveLanding.REL_SUCCESS, 1);
        assertThat(engines.query("SELECT count(*), count(DISTINCT id) FROM default." + table)).containsExactly("4|4");
    }

    @Test
    void schedulingCreatesTheTableBeforeTheFirstFlowFile() throws Exception {
        TestRunner runner = runner("landing_prepared");

        runner.run(1, false, true); // schedules the processor and triggers it with nothing queued

        assertThat(engines.query("SELECT count(*) FROM default.landing_prepared")).containsExactly("0");
        runner.enqueue(TestTweets.ndjson(TestTweets.tweets(7000, 3, HOUR_7, 2)));
        runner.run(1, true, false);
        runner.assertAllFlowFilesTransferred(PutHiveLanding.REL_SUCCESS, 1);
        assertThat(engines.query("SELECT count(*), count(DISTINCT id) FROM default.landing_prepared")).containsExactly("3|3");
    }

    @Test
    void hiveDownKeepsTheDataLandedAndARetryOnlyRegistersIt() throws Exception {
        String table = "landing_hive_down";
        byte[] content = TestTweets.ndjson(TestTweets.tweets(6000, 4, HOUR_7, 2));
        TestRunner runner = runner(table);
        MockFlowFile retried = runWhileDown(runner, content, engines.hive::stop, engines.hive::restart);
        assertThat(retried.getAttribute(LandingAttributes.RETRY_REASON)).startsWith("Hive: ");
        List<String> landedWhileHiveWasDown = engines.visibleFiles(engines.tableLocation(table));
        assertThat(landedWhileHiveWasDown).hasSize(2);

        redeliver(runner, retried);

        runner.assertAllFlowFilesTransferred(PutHiveLanding.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(PutHiveLanding.REL_SUCCESS).get(0)
                .assertAttributeEquals(LandingAttributes.FILES_ALREADY_LANDED, "2");
        assertThat(engines.visibleFiles(engines.tableLocation(table))).isEqualTo(landedWhileHiveWasDown);
        assertThat(engines.query("SELECT count(*), count(DISTINCT id) FROM default." + table)).containsExactly("4|4");
    }

    /** Runs the processor once on {@code content} while an engine is down; returns the FlowFile sent to retry. */
    private static MockFlowFile runWhileDown(TestRunner runner, byte[] content, Runnable stop, Runnable restart) {
        stop.run();
        try {
            runner.enqueue(content);
            runner.run();
        } finally {
            restart.run();
        }
        runner.assertAllFlowFilesTransferred(PutHiveLanding.REL_RETRY, 1);
        return runner.getFlowFilesForRelationship(PutHiveLanding.REL_RETRY).get(0);
    }

    /** What the flow's retry loop does: the same FlowFile comes back. */
    private static void redeliver(TestRunner runner, MockFlowFile retried) {
        runner.clearTransferState();
        runner.enqueue(retried.toByteArray(), retried.getAttributes());
        runner.run();
    }

    @Test
    void aFlowFileWithoutTweetsLandsNothingAndQuarantinesEveryLine() {
        TestRunner runner = runner("landing_nothing");
        runner.enqueue("not json\n\n{\"errors\":[{\"title\":\"x\"}]}\n".getBytes(StandardCharsets.UTF_8),
                Map.of("filename", "bad.ndjson"));
        runner.run();

        runner.assertTransferCount(PutHiveLanding.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(PutHiveLanding.REL_SUCCESS).get(0)
                .assertAttributeEquals(LandingAttributes.ROWS_WRITTEN, "0");
        MockFlowFile invalid = runner.getFlowFilesForRelationship(PutHiveLanding.REL_INVALID).get(0);
        invalid.assertAttributeEquals(LandingAttributes.ROWS_INVALID, "2");
        invalid.assertAttributeEquals("mime.type", "application/x-ndjson");
    }

    @Test
    void rejectsIdentifiersThatCouldInjectSqlAndAPrincipalWithoutKeytab() {
        TestRunner runner = runner("landing_validation");
        runner.setProperty(LandingProperties.TABLE, "tweets; DROP TABLE x");
        runner.assertNotValid();
        runner.setProperty(LandingProperties.TABLE, "tweets_ok");
        runner.assertValid();
        runner.setProperty(LandingProperties.KERBEROS_PRINCIPAL, "nifi@EXAMPLE.COM");
        runner.assertNotValid();
    }
}
