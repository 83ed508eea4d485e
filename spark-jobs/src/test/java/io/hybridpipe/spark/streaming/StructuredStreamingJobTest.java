package io.hybridpipe.spark.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.hybridpipe.spark.JobComponents;
import io.hybridpipe.spark.batch.BatchOutcome;
import io.hybridpipe.spark.batch.BatchStep;
import io.hybridpipe.spark.batch.CrashPoints;
import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.testing.CrashOnce;
import io.hybridpipe.spark.testing.StorageInspector;
import io.hybridpipe.spark.testing.TestTweets;
import io.hybridpipe.spark.testing.TopicFeeder;
import io.hybridpipe.spark.writer.StorageLayout;

/** The Structured Streaming twin against the same engines, sharing the writer and loader. */
class StructuredStreamingJobTest {

    private static StreamingTestEngines engines;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        engines = new StreamingTestEngines();
        spark = SparkSession.builder().config(engines.sparkConf("structured-streaming-job-test")).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
        engines.close();
    }

    private static JobSettings settings(String name) throws Exception {
        Path checkpoint = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "checkpoint-" + name);
        return engines.settings(name)
                .with("hybridpipe.structured.checkpoint", checkpoint.toUri().toString())
                .with("hybridpipe.structured.query-name", name.replace('-', '_'))
                .with("hybridpipe.batch.interval", "500ms")
                .with("hybridpipe.kafka.max-offsets-per-trigger", "1000");
    }

    private static StreamingQuery startQuery(JobSettings settings, CrashPoints crashPoints, List<BatchOutcome> outcomes)
            throws Exception {
        return StructuredStreamingJob.start(spark, settings,
                JobComponents.pipeline(settings, spark.sparkContext().hadoopConfiguration(), crashPoints), outcomes::add);
    }

    @Test
    void tweetsLandOnceAndMalformedRecordsAreQuarantined() throws Exception {
        JobSettings settings = settings("ss-tweets");
        TopicFeeder feeder = new TopicFeeder(engines.kafka, settings.required("hybridpipe.kafka.topic"), 2);
        List<String> values = new ArrayList<>(new TestTweets(21).messages(5_000_000, 5_000));
        values.addAll(values.subList(0, 100));
        values.add("{not json");
        values.add("{\"errors\":[{\"title\":\"operational-disconnect\"}]}");
        feeder.send(values);

        List<BatchOutcome> outcomes = new ArrayList<>();
        StreamingQuery query = startQuery(settings, CrashPoints.NONE, outcomes);
        try {
            query.processAllAvailable();
        } finally {
            query.stop();
        }

        assertThat(engines.count("SELECT count(*) FROM ss_tweets.tweets")).isEqualTo(5_000);
        assertThat(engines.count("SELECT count(DISTINCT id) FROM ss_tweets.tweets")).isEqualTo(5_000);
        assertThat(engines.count("SELECT sum(file_rows) FROM ss_tweets.load_audit")).isEqualTo(5_100);
        assertThat(outcomes.stream().mapToLong(BatchOutcome::invalidRecords).sum()).isEqualTo(2);
        StorageInspector storage = new StorageInspector(spark.sparkContext().hadoopConfiguration(),
                new StorageLayout(settings.required("hybridpipe.storage.base")));
        assertThat(storage.quarantineLines()).hasSize(2)
                .anyMatch(l -> l.contains("\"reason\":\"malformed JSON"))
                .anyMatch(l -> l.contains("\"reason\":\"not a tweet message: errors\""));
        assertThat(storage.filesListedBy(engines.strings("SELECT manifest FROM ss_tweets.load_audit")))
                .containsExactlyInAnyOrderElementsOf(storage.dataFiles());
    }

    @ParameterizedTest
    @EnumSource(BatchStep.class)
    void aCrashAtAnyStepLosesAndDuplicatesNothingAndLeavesNoOrphans(BatchStep step) throws Exception {
        String name = "ss-crash-" + step.name().toLowerCase().replace('_', '-');
        JobSettings settings = settings(name);
        String schema = settings.required("hybridpipe.warehouse.schema");
        TopicFeeder feeder = new TopicFeeder(engines.kafka, settings.required("hybridpipe.kafka.topic"), 2);
        feeder.send(new TestTweets(40 + step.ordinal()).messages(6_000_000, 1_500));

        CrashOnce crash = new CrashOnce(name, step);
        StreamingQuery crashed = startQuery(settings, crash, new ArrayList<>());
        assertThatThrownBy(crashed::awaitTermination).isInstanceOf(StreamingQueryException.class)
                .hasStackTraceContaining("injected crash at " + step);

        feeder.send(new TestTweets(140 + step.ordinal()).messages(7_000_000, 500));
        StreamingQuery restarted = startQuery(settings, CrashPoints.NONE, new ArrayList<>());
        try {
            restarted.processAllAvailable();
        } finally {
            restarted.stop();
        }

        assertThat(engines.count("SELECT count(*) FROM " + schema + ".tweets")).isEqualTo(2_000);
        assertThat(engines.count("SELECT count(DISTINCT id) FROM " + schema + ".tweets")).isEqualTo(2_000);
        assertThat(engines.count("SELECT sum(file_rows) FROM " + schema + ".load_audit"))
                .as("no offset loaded twice").isEqualTo(2_000);
        assertThat(engines.count("SELECT count(*) FROM " + schema + ".tweets_staging"))
                .as("the crashed run's staged rows were replaced by the replay and merged once, none left").isZero();
        StorageInspector storage = new StorageInspector(spark.sparkContext().hadoopConfiguration(),
                new StorageLayout(settings.required("hybridpipe.storage.base")));
        assertThat(storage.filesListedBy(engines.strings("SELECT manifest FROM " + schema + ".load_audit")))
                .as("every data object is in a loaded manifest: no orphans")
                .containsExactlyInAnyOrderElementsOf(storage.dataFiles());
    }
}
