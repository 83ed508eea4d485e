package io.hybridpipe.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridpipe.embedded.kafka.EmbeddedKafkaPair;
import io.hybridpipe.mirror.check.CheckReport;
import io.hybridpipe.mirror.check.CheckSettings;
import io.hybridpipe.mirror.check.GroupResult;
import io.hybridpipe.mirror.check.MirrorCheck;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MirrorMaker 2 started from config/local.properties between two embedded KRaft clusters. */
class LocalReplicationTest {

    private static final int TWEETS = 100_000;
    private static final int PARTITIONS = 6;
    private static final long OFFSET_LAG_MAX = 100;

    @RegisterExtension
    static final KafkaPairExtension KAFKA = new KafkaPairExtension(Map.of("tweets", PARTITIONS, "tweets.failover", 3));

    private static EmbeddedKafkaPair clusters;
    private static MirrorMakerProcess mirrorMaker;

    @BeforeAll
    static void startMirrorMaker() {
        clusters = KAFKA.clusters();
        mirrorMaker = new MirrorMakerProcess(Mm2TestConfigs.local(clusters, Map.of())).start();
    }

    @AfterAll
    static void stopMirrorMaker() {
        if (mirrorMaker != null) {
            mirrorMaker.stop();
        }
    }

    @Test
    void hundredThousandTweetsAreReplicatedInOrderAndMirrorCheckAgreesWithADirectCount() throws Exception {
        TweetGenerator tweets = new TweetGenerator(25_000);
        long bytes = KafkaTestClients.produceTweets(clusters.onprem().bootstrapServers(), "tweets", tweets, 0, TWEETS);
        assertThat(bytes / TWEETS).as("average tweet size in bytes").isBetween(1000L, 3000L);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(
                () -> KafkaTestClients.endOffsetSum(clusters.aws().bootstrapServers(), "tweets") >= TWEETS);

        CliRun check = CliRun.of(concat(new String[] {"mirror-check", "--config", Mm2TestConfigs.LOCAL.toString(),
                "--topics", "tweets", "--json"}, Mm2TestConfigs.bootstrapArgs(clusters)));
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(check.out());
        assertThat(json.get("inSync").asBoolean()).isTrue();
        assertThat(json.at("/report/partitions")).hasSize(PARTITIONS);

        List<ConsumerRecord<String, byte[]>> onAws = KafkaTestClients.readAll(clusters.aws().bootstrapServers(), "tweets");
        long reportedTarget = 0;
        long reportedSource = 0;
        for (JsonNode partition : json.at("/report/partitions")) {
            reportedTarget += partition.get("targetRecords").asLong();
            reportedSource += partition.get("sourceRecords").asLong();
            assertThat(partition.get("sampleMissing").asInt()).isZero();
        }
        assertThat(onAws).hasSize(TWEETS);
        assertThat(reportedTarget).isEqualTo(onAws.size());
        assertThat(reportedSource).isEqualTo(TWEETS);
        assertThat(onAws.stream().map(KafkaTestClients::seq).distinct().count()).isEqualTo(TWEETS);
        assertPerKeyOrder(onAws);
    }

    @Test
    void consumerGroupFailsOverToAwsAtItsTranslatedOffsetWithoutMissingRecords() throws Exception {
        String topic = "tweets.failover";
        int total = 10_000;
        TweetGenerator tweets = new TweetGenerator(total);
        KafkaTestClients.produceTweets(clusters.onprem().bootstrapServers(), topic, tweets, 0, total);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(
                () -> KafkaTestClients.endOffsetSum(clusters.aws().bootstrapServers(), topic) >= total);

        // a group half-way through the topic, and a live group a few records behind the head
        FailoverResult halfway = failOver("tweet-analytics", topic, total, total / 2);
        FailoverResult live = failOver("tweet-live", topic, total, total - 30);
        System.out.printf("failover: group half-way re-read %d records on AWS, group at the head re-read %d "
                + "(mirror-check predicted %d and %d; offset.lag.max %d on %d partitions)%n", halfway.duplicates,
                live.duplicates, halfway.predicted, live.predicted, OFFSET_LAG_MAX, 3);
        // MM2 translates to the newest offset-sync at or before the committed offset, never past it; Kafka 3.9
        // keeps offset-syncs exponentially spaced back from the newest, so the re-read grows with how far the
        // group is behind the head. mirror-check must predict it exactly.
        assertThat(halfway.duplicates).isEqualTo(halfway.predicted).isLessThan(total / 2);
        assertThat(live.duplicates).isEqualTo(live.predicted).isLessThanOrEqualTo(3 * (OFFSET_LAG_MAX + 1));
    }

    private record FailoverResult(long duplicates, long predicted) {
    }

    /** The group reads {@code readOnPremCount} records on-prem, then moves to AWS and reads the rest there. */
    private static FailoverResult failOver(String group, String topic, int total, int readOnPremCount) throws Exception {
        List<Long> readOnPrem = consumeAndCommit(clusters.onprem().bootstrapServers(), group, topic, readOnPremCount);

        MirrorCheck groupCheck = new MirrorCheck(Mm2TestConfigs.local(clusters, Map.of()), new CheckSettings(
                Pattern.compile(topic), List.of(group), 10, 0, -1, -1, false, Duration.ofSeconds(30)));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            CheckReport report = groupCheck.run();
            return report.groups().size() == 3 && report.groups().stream().allMatch(GroupResult::inSync)
                    && report.groups().stream().mapToLong(g -> g.sourceCommitted()).sum() == readOnPremCount;
        });
        CheckReport report = groupCheck.run();
        assertThat(report.inSync()).as(report.toString()).isTrue();
        long predictedReplay = report.groups().stream().mapToLong(GroupResult::replay).sum();

        // the consumers move to AWS: MM2 has written the translated offsets into the group there
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(
                () -> committedOn(clusters.aws().bootstrapServers(), group, topic) > 0);
        List<Long> readOnAws = consumeAndCommit(clusters.aws().bootstrapServers(), group, topic, Integer.MAX_VALUE);

        Set<Long> seen = new HashSet<>(readOnPrem);
        seen.addAll(readOnAws);
        assertThat(seen).as("nothing missed by " + group).hasSize(total);
        return new FailoverResult(readOnPrem.size() + readOnAws.size() - seen.size(), predictedReplay);
    }

    /** Reads until {@code count} records have been read or the topic is drained, committing what was read. */
    private static List<Long> consumeAndCommit(String bootstrap, String group, String topic, int count) {
        List<Long> seqs = new ArrayList<>();
        Map<String, Object> extra = Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = KafkaTestClients.consumer(bootstrap, extra)) {
            consumer.subscribe(List.of(topic));
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            int emptyPolls = 0;
            while (seqs.size() < count && emptyPolls < 25) {
                List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>();
                consumer.poll(Duration.ofMillis(200)).forEach(polled::add);
                emptyPolls = polled.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : polled) {
                    if (seqs.size() == count) {
                        break;
                    }
                    seqs.add(KafkaTestClients.seq(record));
                    positions.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
            }
            consumer.commitSync(positions);
        }
        return seqs;
    }

    private static long committedOn(String bootstrap, String group, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaTestClients.consumer(bootstrap,
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, group))) {
            Set<TopicPartition> tps = new HashSet<>();
            consumer.partitionsFor(topic).forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
            return consumer.committed(tps).values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static void assertPerKeyOrder(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Long> lastSeqByKey = new HashMap<>();
        Map<String, Integer> partitionByKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            long seq = KafkaTestClients.seq(record);
            Long previous = lastSeqByKey.put(record.key(), seq);
            Integer partition = partitionByKey.putIfAbsent(record.key(), record.partition());
            assertThat(partition == null || partition == record.partition()).as("key %s in one partition", record.key()).isTrue();
            assertThat(previous == null || previous < seq).as("order of key %s", record.key()).isTrue();
        }
        assertThat(lastSeqByKey).hasSize(25_000);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
