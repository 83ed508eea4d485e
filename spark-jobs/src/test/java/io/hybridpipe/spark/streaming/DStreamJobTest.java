package io.hybridpipe.spark.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.apache.kafka.common.TopicPartition;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.hybridpipe.spark.JobComponents;
import io.hybridpipe.spark.batch.BatchOutcome;
import io.hybridpipe.spark.batch.BatchPipeline;
import io.hybridpipe.spark.batch.BatchStep;
import io.hybridpipe.spark.batch.CrashPoints;
import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.testing.CrashOnce;
import io.hybridpipe.spark.testing.StopAtStep;
import io.hybridpipe.spark.testing.StorageInspector;
import io.hybridpipe.spark.testing.TestTweets;
import io.hybridpipe.spark.testing.TopicFeeder;

/** The DStream job against real engines: Kafka (aws) -> S3Proxy Parquet + manifests -> PostgreSQL. */
class DStreamJobTest {

    private static final Pattern DATA_FILE = Pattern.compile(
            "dt=\\d{4}-\\d{2}-\\d{2}/hr=\\d{2}/onprem\\.[a-z0-9-]+-p[01]-\\d{20}-\\d{20}\\.parquet");

    private static StreamingTestEngines engines;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() throws Exception {
        engines = new StreamingTestEngines();
        // a range that cannot be read fails its batch after this long (Spark's default is 120 s)
        jsc = new JavaSparkContext(StreamingSparkConf.withJobDefaults(engines.sparkConf("dstream-job-test")
                        .set("spark.streaming.kafka.consumer.poll.ms", "20000"),
                JobSettings.of(Map.of("hybridpipe.kafka.max-rate-per-partition", "10000"))));
    }

    @AfterAll
    static void stop() {
        jsc.stop();
        engines.close();
    }

    private DStreamJob.Running startJob(JobSettings settings, CrashPoints crashPoints) {
        BatchPipeline pipeline = JobComponents.pipeline(settings, jsc.hadoopConfiguration(), crashPoints);
        JavaStreamingContext ssc = new JavaStreamingContext(jsc, Durations.seconds(1));
        return DStreamJob.start(ssc, settings, pipeline, outcome -> { });
    }

    private static void awaitAllCommitted(TopicFeeder feeder, String group) {
        Map<TopicPartition, Long> end = feeder.endOffsets();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> feeder.committedOffsets(group).equals(end));
    }

    /** Runs the job until the group's offsets reach the log end, or it failed (then the caller's assertion shows why). */
    private DStreamJob.Running runUntilAllCommittedOrFailed(JobSettings settings, TopicFeeder feeder) {
        Map<TopicPartition, Long> end = feeder.endOffsets();
        String group = settings.required("hybridpipe.kafka.group.id");
        DStreamJob.Running job = startJob(settings, CrashPoints.NONE);
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> job.failure().isPresent() || feeder.committedOffsets(group).equals(end));
        } finally {
            job.context().stop(false, true);
        }
        return job;
    }

    /** A 2-partition topic written as MirrorMaker 2 in exactly-once mode writes, then left idle. */
    private static TopicFeeder transactionalTopic(JobSettings settings, TopicFeeder.Transaction... transactions) {
        TopicFeeder feeder = new TopicFeeder(engines.kafka, settings.required("hybridpipe.kafka.topic"), 2);
        feeder.sendTransactions(List.of(transactions));
        return feeder;
    }

    @Test
    void aTransactionalTopicEndingInCommitMarkersLandsEveryCommittedTweetOnceAndNoAbortedOne() throws Exception {
        JobSettings settings = engines.settings("eos-mirrored");
        TestTweets tweets = new TestTweets(21);
        // one transaction aborted; idle afterwards, so the last offset of every partition is a commit marker that
        // no consumer ever returns as a record
        TopicFeeder feeder = transactionalTopic(settings,
                new TopicFeeder.Transaction(tweets.messages(6_000_000, 400), true),
                new TopicFeeder.Transaction(tweets.messages(6_100_000, 300), false),
                new TopicFeeder.Transaction(tweets.messages(6_200_000, 400), true),
                new TopicFeeder.Transaction(tweets.messages(6_300_000, 400), true));
        Map<TopicPartition, Long> end = feeder.endOffsets();
        assertThat(end.values().stream().mapToLong(Long::longValue).sum())
                .as("1,500 records and one marker per transaction and partition").isEqualTo(1_500 + 4 * 2);

        DStreamJob.Running job = runUntilAllCommittedOrFailed(settings, feeder);

        assertThat(job.failure()).isEmpty();
        assertThat(feeder.committedOffsets(settings.required("hybridpipe.kafka.group.id")))
                .as("committed up to the log end, markers included").isEqualTo(end);
        assertThat(engines.count("SELECT count(*) FROM eos_mirrored.tweets")).isEqualTo(1_200);
        assertThat(engines.count("SELECT count(DISTINCT id) FROM eos_mirrored.tweets")).isEqualTo(1_200);
        assertThat(engines.count("SELECT count(*) FROM eos_mirrored.tweets WHERE id LIKE '61%'"))
                .as("no tweet of the aborted transaction").isZero();
        assertThat(engines.count("SELECT sum(file_rows) FROM eos_mirrored.load_audit")).isEqualTo(1_200);
        assertThat(engines.count("SELECT count(*) FROM eos_mirrored.tweets_staging")).isZero();
    }

    @Test
    void aBatchInFlightThatEndsInACommitMarkerIsReplayedExactlyOnceAfterACrash() throws Exception {
        JobSettings settings = engines.settings("eos-replay");
        TestTweets tweets = new TestTweets(22);
        TopicFeeder feeder = transactionalTopic(settings,
                new TopicFeeder.Transaction(tweets.messages(7_000_000, 500), true),
                new TopicFeeder.Transaction(tweets.messages(7_100_000, 200), false),
                new TopicFeeder.Transaction(tweets.messages(7_200_000, 500), true));

        // the recorded batch in flight ends at the markers; the restart re-runs exactly those ranges first
        CrashOnce crash = new CrashOnce("eos-replay", BatchStep.FILES_WRITTEN);
        DStreamJob.Running crashed = startJob(settings, crash);
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> crashed.failure().isPresent());
        } finally {
            crashed.context().stop(false, false);
        }
        assertThat(crashed.failure()).hasValueSatisfying(e -> assertThat(e).isInstanceOf(CrashOnce.InjectedCrash.class));
        DStreamJob.Running restarted = runUntilAllCommittedOrFailed(settings, feeder);

        assertThat(restarted.failure()).isEmpty();
        assertThat(feeder.committedOffsets(settings.required("hybridpipe.kafka.group.id"))).isEqualTo(feeder.endOffsets());
        assertThat(engines.count("SELECT count(DISTINCT id) FROM eos_replay.tweets")).isEqualTo(1_000);
        assertThat(engines.count("SELECT count(*) FROM eos_replay.tweets WHERE id LIKE '71%'")).isZero();
        assertThat(engines.count("SELECT sum(file_rows) FROM eos_replay.load_audit")).as("loaded once").isEqualTo(1_000);
    }

    @Test
    void fiftyThousandTweetsLandExactlyOnceAndMalformedRecordsAreQuarantinedWithReasons() throws Exception {
        JobSettings settings = engines.settings("tweets-bulk");
        TopicFeeder feeder = new TopicFeeder(engines.kafka, settings.required("hybridpipe.kafka.topic"), 2);
        List<String> values = new ArrayList<>(new TestTweets(7).messages(1_000_000, 50_000));
        values.addAll(values.subList(0, 500)); // upstream retries: the same tweets again
        List<String> malformed = List.of("{not json", "{\"errors\":[{\"title\":\"operational-disconnect\"}]}", "[1,2]", "");
        for (int i = 0; i < 5; i++) {
            values.addAll(malformed);
        }
        values.add(null);
        // valid JSON and a valid tweet, but U+0000 cannot be stored by PostgreSQL or Redshift: one such tweet must not stop the stream
        TestTweets poison = new TestTweets(8);
        values.add(poison.message("9000001").replace("\"text\":\"", "\"text\":\"nul\\u0000 inside "));
        values.add(poison.message("9000002").replace("\"text\":\"", "\"text\":\"\\u0000"));
        feeder.send(values);

        DStreamJob.Running job = startJob(settings, CrashPoints.NONE);
        try {
            awaitAllCommitted(feeder, "spark-tweets-bulk");
        } finally {
            job.context().stop(false, true);
        }

        assertThat(job.failure()).isEmpty();
        assertThat(engines.count("SELECT count(*) FROM tweets_bulk.tweets")).isEqualTo(50_000);
        assertThat(engines.count("SELECT count(DISTINCT id) FROM tweets_bulk.tweets")).isEqualTo(50_000);
        assertThat(engines.count("SELECT sum(file_rows) FROM tweets_bulk.load_audit")).isEqualTo(50_500);

        StorageInspector storage = new StorageInspector(jsc.hadoopConfiguration(),
                new io.hybridpipe.spark.writer.StorageLayout(settings.required("hybridpipe.storage.base")));
        List<String> dataFiles = storage.dataFiles();
        assertThat(dataFiles).isNotEmpty().allMatch(f -> DATA_FILE.matcher(f).matches(), "named dt=/hr=/<topic>-p<n>-<from>-<until>");
        assertThat(storage.filesListedBy(engines.strings("SELECT manifest FROM tweets_bulk.load_audit")))
                .containsExactlyInAnyOrderElementsOf(dataFiles);
        assertThat(storage.wrongContentLengths(engines.strings("SELECT manifest FROM tweets_bulk.load_audit")))
                .as("manifest content_length = the object's length").isEmpty();
        assertThat(engines.count("SELECT count(*) FROM tweets_bulk.tweets_staging")).as("staged rows all merged").isZero();

        List<String> quarantine = storage.quarantineLines();
        assertThat(quarantine).hasSize(23);
        assertThat(quarantine).filteredOn(l -> l.contains("U+0000")).hasSize(2);
        assertThat(quarantine).filteredOn(l -> l.contains("\"reason\":\"malformed JSON")).hasSize(5);
        assertThat(quarantine).filteredOn(l -> l.contains("\"reason\":\"not a tweet message: errors\"")).hasSize(5);
        assertThat(quarantine).filteredOn(l -> l.contains("\"reason\":\"empty Kafka record (null value)\"")).hasSize(1);
        assertThat(quarantine).allMatch(l -> l.contains("\"offset\":") && l.contains("\"partition\":"));
    }

    @ParameterizedTest
    @EnumSource(BatchStep.class)
    void aCrashAtAnyStepLosesAndDuplicatesNothingAndLeavesNoOrphans(BatchStep step) throws Exception {
        String name = "crash-" + step.name().toLowerCase().replace('_', '-');
        JobSettings settings = engines.settings(name);
        String schema = settings.required("hybridpipe.warehouse.schema");
        String group = settings.required("hybridpipe.kafka.group.id");
        TopicFeeder feeder = new TopicFeeder(engines.kafka, settings.required("hybridpipe.kafka.topic"), 2);
        feeder.send(new TestTweets(step.ordinal()).messages(2_000_000, 1_500));

        CrashOnce crash = new CrashOnce(name, step);
        DStreamJob.Running crashed = startJob(settings, crash);
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> crashed.failure().isPresent());
        } finally {
            crashed.context().stop(false, false);
        }
        assertThat(crash.fired()).isTrue();
        Map<TopicPartition, Long> committedAtCrash = new HashMap<>(feeder.committedOffsets(group));
        assertThat(committedAtCrash.values().stream().mapToLong(Long::longValue).sum())
                .as("nothing committed past the failed batch").isLessThan(1_500);

        feeder.send(new TestTweets(100 + step.ordinal()).messages(3_000_000, 500)); // more data before the restart
        DStreamJob.Running restarted = startJob(settings, CrashPoints.NONE);
        try {
            awaitAllCommitted(feeder, group);
        } finally {
            restarted.context().stop(false, true);
        }

        assertThat(restarted.failure()).isEmpty();
        assertThat(engines.count("SELECT count(*) FROM " + schema + ".tweets")).isEqualTo(2_000);
        assertThat(engines.count("SELECT count(DISTINCT id) FROM " + schema + ".tweets")).isEqualTo(2_000);
        StorageInspector storage = new StorageInspector(jsc.hadoopConfiguration(),
                new io.hybridpipe.spark.writer.StorageLayout(settings.required("hybridpipe.storage.base")));
        assertThat(storage.filesListedBy(engines.strings("SELECT manifest FROM " + schema + ".load_audit")))
                .as("every data object is in a loaded manifest: no orphans")
                .containsExactlyInAnyOrderElementsOf(storage.dataFiles());
        assertThat(engines.count("SELECT sum(file_rows) FROM " + schema + ".load_audit"))
                .as("no offset loaded twice").isEqualTo(2_000);
        assertThat(engines.count("SELECT count(*) FROM " + schema + ".tweets_staging"))
                .as("the crashed run's staged rows were replaced by the replay and merged once, none left").isZero();
    }

    @Test
    void aGracefulStopAsOnSigtermFinishesTheBatchInFlightCommitsItsOffsetsAndTheRestartDoesNotReloadIt() throws Exception {
        JobSettings settings = engines.settings("graceful-stop");
        String group = settings.required("hybridpipe.kafka.group.id");
        TopicFeeder feeder = new TopicFeeder(engines.kafka, settings.required("hybridpipe.kafka.topic"), 2);
        feeder.send(new TestTweets(11).messages(4_000_000, 3_000));

        // in process: the stop runs what SIGTERM runs (Spark's hook, then ours), while the batch waits at its manifest
        StopAtStep stop = new StopAtStep("graceful-stop", BatchStep.MANIFEST_WRITTEN);
        BatchPipeline pipeline = JobComponents.pipeline(settings, jsc.hadoopConfiguration(), stop);
        JavaStreamingContext ssc = new JavaStreamingContext(jsc, Durations.seconds(1));
        List<BatchOutcome> before = new CopyOnWriteArrayList<>();
        AtomicReference<DStreamJob.Running> running = new AtomicReference<>();
        stop.onReach(() -> running.get().stopLikeShutdownHook());
        running.set(DStreamJob.start(ssc, settings, pipeline, before::add));
        await().atMost(Duration.ofMinutes(2)).until(stop::fired);
        stop.awaitStopped(Duration.ofMinutes(2));

        assertThat(running.get().failure()).isEmpty();
        assertThat(before).filteredOn(o -> o.validRows() > 0).as("the batch in flight at the stop").hasSize(1);
        assertThat(engines.count("SELECT count(DISTINCT id) FROM graceful_stop.tweets")).isEqualTo(3_000);
        Map<TopicPartition, Long> committedAtStop = feeder.committedOffsets(group);
        assertThat(committedAtStop).as("offsets of the finished batch committed by the time the stop returns")
                .isEqualTo(feeder.endOffsets());

        feeder.send(new TestTweets(12).messages(5_000_000, 500));
        List<BatchOutcome> after = new CopyOnWriteArrayList<>();
        DStreamJob.Running restarted = DStreamJob.start(new JavaStreamingContext(jsc, Durations.seconds(1)), settings,
                JobComponents.pipeline(settings, jsc.hadoopConfiguration(), CrashPoints.NONE), after::add);
        try {
            awaitAllCommitted(feeder, group);
        } finally {
            restarted.context().stop(false, true);
        }
        assertThat(restarted.failure()).isEmpty();
        assertThat(after).as("the restart neither re-runs nor re-reads the stopped batch")
                .noneMatch(BatchOutcome::skipped)
                .allMatch(o -> o.ranges().ranges().stream().allMatch(r ->
                        r.fromOffset() >= committedAtStop.get(new TopicPartition(r.topic(), r.partition()))));
        assertThat(engines.count("SELECT count(*) FROM graceful_stop.tweets")).isEqualTo(3_500);
        assertThat(engines.count("SELECT sum(file_rows) FROM graceful_stop.load_audit")).isEqualTo(3_500);
    }
}
