package io.hybridpipe.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongPredicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * mirror-check against hand-made replicas (no MirrorMaker): an exact copy passes, and a missing record, an
 * altered record and lag each make it fail. Uses the command line without a config file.
 */
class MirrorCheckFaultInjectionTest {

    @RegisterExtension
    static final KafkaPairExtension KAFKA = new KafkaPairExtension(Map.of());

    private static final int RECORDS = 1_000;
    private static final long BASE_TIME = 1_717_000_000_000L;


    private static final TweetGenerator TWEETS = new TweetGenerator(RECORDS);



    @Test
    void anExactCopyIsInSync() throws Exception {
        replicate("tweets.copy", i -> true, false);
        CliRun run = check("tweets.copy");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("IN SYNC");
    }

    @Test
    void aMissingRecordFailsTheCheck() throws Exception {
        replicate("tweets.missing", i -> i != 500, false);
        CliRun run = check("tweets.missing", "--json");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode partition = new ObjectMapper().readTree(run.out()).at("/report/partitions/0");
        assertThat(partition.get("sourceRecords").asLong()).isEqualTo(RECORDS);
        assertThat(partition.get("targetRecords").asLong()).isEqualTo(RECORDS - 1);
        assertThat(partition.get("problems").toString()).contains("target misses 1 records");
    }

    @Test
    void anAlteredRecordFailsTheCheckEvenWhenTheCountsAgree() throws Exception {
        replicate("tweets.altered", i -> true, true);
        CliRun run = check("tweets.altered", "--json");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode partition = new ObjectMapper().readTree(run.out()).at("/report/partitions/0");
        assertThat(partition.get("targetRecords").asLong()).isEqualTo(RECORDS);
        assertThat(partition.get("sampleMissing").asInt()).isEqualTo(1);
        assertThat(partition.get("problems").toString()).contains("missing or altered");
    }

    @Test
    void lagFailsTheCheckAndTheToleranceDecidesHowMuchIsAccepted() throws Exception {
        replicate("tweets.lag", i -> i < 900, false);

        CliRun strict = check("tweets.lag", "--json");
        assertThat(strict.exitCode()).isEqualTo(1);
        JsonNode partition = new ObjectMapper().readTree(strict.out()).at("/report/partitions/0");
        assertThat(partition.get("lagRecords").asLong()).isEqualTo(100);
        assertThat(partition.get("lagMs").asLong()).isEqualTo(100 * 10L);

        assertThat(check("tweets.lag", "--tolerance", "100").exitCode()).as("100 records tolerated").isZero();
        assertThat(check("tweets.lag", "--tolerance", "100", "--max-lag-ms", "500").exitCode())
                .as("but not 1000 ms of lag").isEqualTo(1);
        assertThat(check("tweets.lag", "--tolerance", "99").exitCode()).isEqualTo(1);
    }

    @Test
    void aTopicMissingOnTheTargetFailsTheCheck() {
        KAFKA.clusters().onprem().createTopic("tweets.notmirrored", 1);
        CliRun run = check("tweets.notmirrored");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("does not exist").contains("NOT IN SYNC");
    }

    @Test
    void anUnreachableClusterMeansTheCheckCouldNotRun() {
        CliRun run = CliRun.of("mirror-check", "--source-bootstrap", KAFKA.clusters().onprem().bootstrapServers(),
                "--target-bootstrap", "127.0.0.1:1", "--identity-policy", "--timeout", "PT3S");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).doesNotContain("IN SYNC");
    }

    @Test
    void badArgumentsAreAUsageError() {
        CliRun run = CliRun.of("mirror-check", "--source-bootstrap", KAFKA.clusters().onprem().bootstrapServers());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--target-bootstrap");
    }

    private static CliRun check(String topic, String... extra) {
        String[] base = {"mirror-check", "--source-bootstrap", KAFKA.clusters().onprem().bootstrapServers(),
                "--target-bootstrap", KAFKA.clusters().aws().bootstrapServers(), "--identity-policy", "--topics", topic,
                "--sample", "50"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    /**
     * Writes records 0..RECORDS-1 to the source and those {@code onTarget} accepts to the target, with the same
     * timestamps (10 ms apart) as MirrorMaker would; {@code alterThird} changes the value of record 3 on the target.
     */
    private static void replicate(String topic, LongPredicate onTarget, boolean alterThird) {
        KAFKA.clusters().onprem().createTopic(topic, 1);
        KAFKA.clusters().aws().createTopic(topic, 1);
        try (KafkaProducer<String, byte[]> source = KafkaTestClients.producer(KAFKA.clusters().onprem().bootstrapServers());
             KafkaProducer<String, byte[]> target = KafkaTestClients.producer(KAFKA.clusters().aws().bootstrapServers())) {
            for (long i = 0; i < RECORDS; i++) {
                long timestamp = BASE_TIME + i * 10;
                byte[] value = TWEETS.value(i);
                source.send(new ProducerRecord<>(topic, 0, timestamp, TWEETS.key(i), value));
                if (onTarget.test(i)) {
                    byte[] copied = alterThird && i == 3
                            ? new String(value, StandardCharsets.UTF_8).replace("\"lang\":\"", "\"lang\":\"x")
                                    .getBytes(StandardCharsets.UTF_8)
                            : value;
                    target.send(new ProducerRecord<>(topic, 0, timestamp, TWEETS.key(i), copied));
                }
            }
            source.flush();
            target.flush();
        }
    }
}
