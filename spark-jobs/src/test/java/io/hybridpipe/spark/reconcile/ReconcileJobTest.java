package io.hybridpipe.spark.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hybridpipe.core.ingest.IngestHeaders;
import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetSchema;
import io.hybridpipe.spark.JobComponents;
import io.hybridpipe.spark.batch.CrashPoints;
import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.streaming.DStreamJob;
import io.hybridpipe.spark.testing.S3aTestConf;
import io.hybridpipe.spark.testing.StorageInspector;
import io.hybridpipe.spark.testing.TestTweets;
import io.hybridpipe.spark.testing.TopicFeeder;
import io.hybridpipe.spark.writer.ParquetTweetFormat;
import io.hybridpipe.spark.writer.StorageLayout;

/**
 * The reconcile job against real engines: a raw layer on MiniDFS registered in HiveServer2, the cloud side landed by
 * the streaming job (Kafka -> S3Proxy Parquet + manifests -> PostgreSQL), then discrepancies injected on purpose.
 */
class ReconcileJobTest {

    private static final int TWEETS = 3000;
    private static final String HR05 = "dt=2026-11-28/hr=05";
    private static final String HR06 = "dt=2026-11-28/hr=06";
    private static final String HR07 = "dt=2026-11-28/hr=07";
    private static final String NOT_IN_RAW_WAREHOUSE_ID = "7777777777";
    private static final String NOT_IN_RAW_S3_ID = "8888888888";

    private static ReconcileTestEngines engines;
    private static List<String> messages;
    private static Map<String, List<String>> rawIds;

    @BeforeAll
    static void landRawLayer() throws Exception {
        engines = new ReconcileTestEngines();
        messages = new TestTweets(11).messages(5_000_000, TWEETS);
        var raw = new RawLayerLander(engines.hdfs.clientConfiguration(), engines.rawLocation()).land(messages);
        rawIds = new HashMap<>();
        raw.forEach((p, tweets) -> rawIds.put(p.path(), tweets.stream().map(CanonicalTweet::id).sorted().toList()));
        assertThat(rawIds.keySet()).containsExactlyInAnyOrder(HR05, HR06, HR07);
        // hr=07 is on HDFS but never registered: invisible to Hive queries
        RawLayerLander.register(engines.hive.jdbcUrl(), engines.rawLocation(),
                List.of(PartitionPath.parse(HR05), PartitionPath.parse(HR06)));
    }

    @AfterAll
    static void stopEngines() {
        if (engines != null) {
            engines.close();
        }
    }

    @Test
    void reportFindsExactlyTheInjectedDiscrepanciesAndAWarehouseRepairClosesTheMissingOnesOnce() throws Exception {
        Map<String, String> settings = engines.settings("recon-wh");
        landCloud(settings);
        String schema = "recon_wh";
        List<String> deletedFromWarehouse = rawIds.get(HR05).subList(0, 3);
        engines.execute("DELETE FROM " + schema + ".tweets WHERE id IN ('" + String.join("','", deletedFromWarehouse) + "')");
        List<String> deletedFromS3 = deleteOneS3Object(settings, HR06);
        copyWarehouseRowAs(schema, rawIds.get(HR07).get(0), NOT_IN_RAW_WAREHOUSE_ID);
        writeS3ObjectNotInRaw(settings, HR07, NOT_IN_RAW_S3_ID);

        ReconcileRun found = reconcile(settings, "--from", HR05, "--to", HR07, "--sample-ids", "5000");

        assertThat(found.exitCode).isEqualTo(1);
        assertPartition(found, HR05, true, raw(HR05), raw(HR05), raw(HR05) - 3, 0, 3, 0);
        assertThat(found.sample(HR05, IdComparison.MISSING_IN_WAREHOUSE)).containsExactlyElementsOf(deletedFromWarehouse);
        assertPartition(found, HR06, true, raw(HR06), raw(HR06) - deletedFromS3.size(), raw(HR06), deletedFromS3.size(), 0, 0);
        assertThat(found.sample(HR06, IdComparison.MISSING_IN_S3)).containsExactlyElementsOf(new TreeSet<>(deletedFromS3));
        assertPartition(found, HR07, false, raw(HR07), raw(HR07) + 1, raw(HR07) + 1, 0, 0, 2);
        assertThat(found.sample(HR07, IdComparison.NOT_IN_RAW)).containsExactly(NOT_IN_RAW_WAREHOUSE_ID, NOT_IN_RAW_S3_ID);
        assertThat(found.total(IdComparison.DUPLICATED_IN_S3) + found.total(IdComparison.DUPLICATED_IN_WAREHOUSE)).isZero();
        assertThat(found.html).contains("NOT registered").contains(NOT_IN_RAW_S3_ID).contains("DIFFERENCES");

        ReconcileRun repaired = reconcile(settings, "--from", HR05, "--to", HR07, "--repair", "--repair-target", "warehouse");
        assertThat(repaired.exitCode).isEqualTo(1);
        assertThat(repaired.report.at("/repair/tweets").asLong()).isEqualTo(3 + deletedFromS3.size());
        assertThat(repaired.report.at("/repair/merged_rows").asLong()).isEqualTo(3 + deletedFromS3.size());

        ReconcileRun after = reconcile(settings, "--from", HR05, "--to", HR07);
        assertThat(after.total(IdComparison.MISSING_IN_S3) + after.total(IdComparison.MISSING_IN_WAREHOUSE)).isZero();
        assertThat(after.total(IdComparison.DUPLICATED_IN_S3)).as("a repair never doubles a tweet in S3").isZero();
        assertPartition(after, HR05, true, raw(HR05), raw(HR05), raw(HR05), 0, 0, 0);
        assertPartition(after, HR06, true, raw(HR06), raw(HR06), raw(HR06), 0, 0, 0);
        // reported, never deleted; and Hive still does not know hr=07
        assertPartition(after, HR07, false, raw(HR07), raw(HR07) + 1, raw(HR07) + 1, 0, 0, 2);
        assertThat(after.exitCode).isEqualTo(1);

        long rows = engines.count("SELECT count(*) FROM " + schema + ".tweets");
        long audits = engines.count("SELECT count(*) FROM " + schema + ".load_audit");
        List<String> objects = storage(settings).files("");
        assertThat(rows).isEqualTo(TWEETS + 1);
        assertThat(engines.count("SELECT count(*) FROM " + schema + ".load_audit WHERE manifest LIKE '%/_manifests/repair-%'"))
                .isEqualTo(1);

        ReconcileRun again = reconcile(settings, "--from", HR05, "--to", HR07, "--repair", "--repair-target", "warehouse");
        assertThat(again.report.has("repair")).as("nothing left to repair").isFalse();
        assertThat(engines.count("SELECT count(*) FROM " + schema + ".tweets")).isEqualTo(rows);
        assertThat(engines.count("SELECT count(*) FROM " + schema + ".load_audit")).isEqualTo(audits);
        assertThat(storage(settings).files("")).containsExactlyInAnyOrderElementsOf(objects);
    }

    @Test
    void kafkaRepairRepublishesEachMissingRawPayloadOnceAndTheStreamingJobClosesTheGap() throws Exception {
        // one topic, as in production: MirrorMaker 2 mirrors on-prem "tweets", which the streaming job reads
        Map<String, String> settings = engines.settings("recon-kafka");
        settings.put("hybridpipe.kafka.topic", "tweets");
        TopicFeeder tweetsTopic = landCloud(settings);
        List<String> deletedFromWarehouse = rawIds.get(HR06).subList(10, 14);
        engines.execute("DELETE FROM recon_kafka.tweets WHERE id IN ('" + String.join("','", deletedFromWarehouse) + "')");
        List<String> deletedFromS3 = deleteOneS3Object(settings, HR05);

        ReconcileRun repair = reconcile(settings, "--from", HR05, "--to", HR06, "--repair");

        assertThat(repair.exitCode).isEqualTo(1);
        Set<String> missing = new TreeSet<>(deletedFromWarehouse);
        missing.addAll(deletedFromS3);
        assertThat(repair.report.at("/repair/tweets").asLong()).isEqualTo(missing.size());
        List<ConsumerRecord<byte[], byte[]>> published = TopicRecords.all(engines.kafka.bootstrapServers(), "tweets")
                .stream().filter(r -> r.headers().lastHeader(RepairHeaders.REPAIR) != null).toList();
        List<String> keys = published.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
        assertThat(keys).hasSize(missing.size()).containsExactlyInAnyOrderElementsOf(missing);
        Map<String, String> originals = messages.stream().collect(Collectors.toMap(
                m -> m.substring(m.indexOf("\"id\":\"") + 6, m.indexOf('"', m.indexOf("\"id\":\"") + 6)), m -> m));
        for (ConsumerRecord<byte[], byte[]> r : published) {
            String id = new String(r.key(), StandardCharsets.UTF_8);
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(originals.get(id));
            assertThat(header(r, RepairHeaders.REPAIR)).isEqualTo(repair.report.get("run_id").asText());
            assertThat(header(r, IngestHeaders.INGESTED_AT)).isEqualTo(RawLayerLander.INGESTED_AT.toString());
            assertThat(IngestHeaders.decodeRuleTags(header(r, IngestHeaders.RULE_TAGS))).containsExactly("spark-tests");
        }

        assertThat(TopicRecords.all(engines.kafka.bootstrapServers(), "tweets")).hasSize(TWEETS + missing.size());

        // the normal path: the streaming job goes on from its committed offsets into the same S3 base and warehouse
        runStreamingJob(JobSettings.of(settings), tweetsTopic);

        ReconcileRun after = reconcile(settings, "--from", HR05, "--to", HR06);
        assertThat(after.total(IdComparison.MISSING_IN_S3) + after.total(IdComparison.MISSING_IN_WAREHOUSE)).isZero();
        // the tweets the warehouse lost were still in S3: the stream wrote them again (the MERGE absorbed them)
        assertThat(after.sample(HR06, IdComparison.DUPLICATED_IN_S3)).containsExactlyElementsOf(new TreeSet<>(deletedFromWarehouse));
        assertThat(after.exitCode).as(after.report.toPrettyString()).isEqualTo(0);
        assertThat(after.html).contains("MATCH");
    }

    @Test
    void aRangeOutsideTheDataReadsNoPartitionAndOneHourReadsOnlyItsOwnFolders() throws Exception {
        Map<String, String> settings = engines.settings("recon-range");
        engines.execute("CREATE SCHEMA IF NOT EXISTS recon_range");
        engines.execute("CREATE TABLE IF NOT EXISTS recon_range.tweets (id VARCHAR(32) PRIMARY KEY, created_at TIMESTAMP NOT NULL)");

        ReconcileRun outside = reconcile(settings, "--from", "2026-11-27T00", "--to", "2026-11-27T23");
        assertThat(outside.report.get("raw_inputs")).isEmpty();
        assertThat(outside.report.get("s3_inputs")).isEmpty();
        assertThat(outside.report.get("partitions")).isEmpty();
        assertThat(outside.exitCode).isEqualTo(0);

        ReconcileRun oneHour = reconcile(settings, "--from", "2026-11-28T06", "--cloud", "warehouse");
        assertThat(oneHour.report.get("raw_inputs")).extracting(n -> n.asText())
                .containsExactly(engines.rawLocation() + "/" + HR06);
        List<PartitionDirectory> listed = new PartitionLister(engines.hdfs.clientConfiguration())
                .existing(engines.rawLocation(), HourRange.parse(HR06, HR06));
        assertThat(ParquetIds.read(engines.spark, engines.rawLocation(), listed).inputFiles())
                .isNotEmpty().allMatch(f -> f.contains("/" + HR06 + "/"));
        assertThat(oneHour.partition(HR06).get("raw").asLong()).isEqualTo(raw(HR06));
        assertThat(oneHour.partition(HR06).get(IdComparison.MISSING_IN_WAREHOUSE).asLong()).isEqualTo(raw(HR06));
        assertThat(oneHour.sample(HR06, IdComparison.MISSING_IN_WAREHOUSE)).hasSize(20);
        assertThat(oneHour.exitCode).isEqualTo(1);
    }

    @Test
    void badUsageAndAnUnreachableWarehouseExitWithTwoAndSayWhy() throws Exception {
        Map<String, String> settings = engines.settings("recon-errors");
        assertThat(reconcile(settings, "--from", HR07, "--to", HR05).exitCode).isEqualTo(2);
        assertThat(reconcile(settings, "--from", "yesterday").exitCode).isEqualTo(2);
        assertThat(reconcile(settings, "--from", HR05, "--cloud", "hdfs").exitCode).isEqualTo(2);
        Map<String, String> unreachable = new HashMap<>(settings);
        unreachable.put("hybridpipe.warehouse.jdbc-url", "jdbc:postgresql://127.0.0.1:1/postgres");
        assertThat(reconcile(unreachable, "--from", HR05, "--cloud", "warehouse").exitCode).isEqualTo(2);
    }

    private static long raw(String partition) {
        return rawIds.get(partition).size();
    }

    private static void assertPartition(ReconcileRun run, String partition, boolean registered, long raw, long s3,
                                        long warehouse, long missingInS3, long missingInWarehouse, long notInRaw) {
        var p = run.partition(partition);
        assertThat(p.get("hive_registered").asBoolean()).as(partition + " registered").isEqualTo(registered);
        assertThat(List.of(p.get("raw").asLong(), p.get("s3").asLong(), p.get("warehouse").asLong(),
                p.get(IdComparison.MISSING_IN_S3).asLong(), p.get(IdComparison.MISSING_IN_WAREHOUSE).asLong(),
                p.get(IdComparison.NOT_IN_RAW).asLong()))
                .as(partition + ": raw, s3, warehouse, missing in s3, missing in warehouse, not in raw")
                .containsExactly(raw, s3, warehouse, missingInS3, missingInWarehouse, notInRaw);
    }

    private static ReconcileRun reconcile(Map<String, String> settings, String... options) throws Exception {
        return ReconcileRun.of(engines.dir, settings, options);
    }

    /** The cloud side through the streaming job's own code: a topic, the DStream job, S3 + warehouse. */
    private static TopicFeeder landCloud(Map<String, String> settings) {
        TopicFeeder feeder = new TopicFeeder(engines.kafka, settings.get("hybridpipe.kafka.topic"), 2);
        feeder.send(messages);
        runStreamingJob(JobSettings.of(settings), feeder);
        return feeder;
    }

    private static void runStreamingJob(JobSettings settings, TopicFeeder feeder) {
        var pipeline = JobComponents.pipeline(settings, engines.jsc.hadoopConfiguration(), CrashPoints.NONE);
        DStreamJob.Running job = DStreamJob.start(new JavaStreamingContext(engines.jsc, Durations.seconds(1)), settings,
                pipeline, outcome -> { });
        Map<TopicPartition, Long> end = feeder.endOffsets();
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                    .until(() -> job.failure().isPresent()
                            || feeder.committedOffsets(settings.required("hybridpipe.kafka.group.id")).equals(end));
        } finally {
            job.context().stop(false, true);
        }
        assertThat(job.failure()).isEmpty();
    }

    private static StorageInspector storage(Map<String, String> settings) {
        return new StorageInspector(S3aTestConf.hadoop(engines.s3), new StorageLayout(settings.get("hybridpipe.storage.base")));
    }

    /** Deletes the first data object of the partition; returns the ids it held. */
    private static List<String> deleteOneS3Object(Map<String, String> settings, String partition) throws Exception {
        Configuration conf = S3aTestConf.hadoop(engines.s3);
        String key = storage(settings).files(partition + "/").get(0);
        Path object = new Path(settings.get("hybridpipe.storage.base") + "/" + key);
        List<String> ids = new ArrayList<>(new ParquetTweetFormat().read(conf, object).stream().map(CanonicalTweet::id).toList());
        assertThat(ids).isNotEmpty();
        FileSystem fs = object.getFileSystem(conf);
        assertThat(fs.delete(object, false)).isTrue();
        return ids;
    }

    private static void copyWarehouseRowAs(String schema, String existingId, String newId) throws Exception {
        String columns = String.join(", ", TweetSchema.columnNames());
        String values = TweetSchema.columnNames().stream().map(c -> c.equals("id") ? "'" + newId + "'" : c)
                .collect(Collectors.joining(", "));
        engines.execute("INSERT INTO " + schema + ".tweets (" + columns + ") SELECT " + values + " FROM " + schema
                + ".tweets WHERE id = '" + existingId + "'");
    }

    private static void writeS3ObjectNotInRaw(Map<String, String> settings, String partition, String id) throws Exception {
        CanonicalTweet template = new ParquetTweetFormat().read(engines.hdfs.clientConfiguration(), firstRawFile(partition)).get(0);
        CanonicalTweet stray = new CanonicalTweet(id, template.text(), template.source(), template.isRetweet(),
                template.authorId(), template.authorUsername(), template.authorName(), template.authorLocation(),
                template.authorDescription(), template.createdAt(), template.retweetCount(), template.inReplyToUserId(),
                template.inReplyToTweetId(), template.authorFollowersCount(), template.authorFollowingCount(),
                template.authorTweetCount(), template.lang(), template.conversationId(), template.likeCount(),
                template.replyCount(), template.quoteCount(), template.hashtags(), template.mentions(), template.urls(),
                template.matchingRuleTags(), template.ingestedAt(), template.payload());
        new ParquetTweetFormat().write(S3aTestConf.hadoop(engines.s3),
                new Path(settings.get("hybridpipe.storage.base") + "/" + partition + "/stray-not-from-raw.parquet"),
                List.of(stray), () -> { });
    }

    private static Path firstRawFile(String partition) throws Exception {
        Path dir = new Path(engines.rawLocation() + "/" + partition);
        return dir.getFileSystem(engines.hdfs.clientConfiguration()).listStatus(dir)[0].getPath();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
