package io.hybridpipe.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** "Against any Kafka 2.8+ clusters": a real Kafka 2.8.2 (ZooKeeper mode) broker as onprem, the 3.9.1 cluster as aws. */
class Kafka28SourceTest {

    private static final int TWEETS = 2_000;

    @Test
    void replicatesFromAKafka28BrokerAndMirrorCheckAgrees() throws Exception {
        Path base = Files.createDirectories(Paths.get(System.getProperty("java.io.tmpdir")));
        Path dir = Files.createTempDirectory(base, getClass().getSimpleName());
        try (Kafka28Broker onprem = Kafka28Broker.start(Files.createDirectories(dir.resolve("onprem-2.8")));
             EmbeddedKafkaCluster aws = new EmbeddedKafkaCluster("aws", dir).start()) {
            assertThat(onprem.log()).as("the child JVM runs Kafka " + Kafka28Broker.VERSION)
                    .contains("Kafka version: " + Kafka28Broker.VERSION);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, onprem.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("tweets", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            KafkaTestClients.produceTweets(onprem.bootstrapServers(), "tweets", new TweetGenerator(TWEETS), 0, TWEETS);

            Map<String, String> bootstraps = new HashMap<>();
            bootstraps.put("onprem.bootstrap.servers", onprem.bootstrapServers());
            bootstraps.put("aws.bootstrap.servers", aws.bootstrapServers());
            Mm2Subprocess mm2 = Mm2Subprocess.start(Mm2TestConfigs.LOCAL, bootstraps,
                    Files.createDirectories(dir.resolve("logs")));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> KafkaTestClients.endOffsetSum(aws.bootstrapServers(), "tweets") >= TWEETS);

            CliRun check = CliRun.of(Stream.concat(
                    Stream.of("mirror-check", "--config", Mm2TestConfigs.LOCAL.toString(), "--topics", "tweets", "--json"),
                    bootstraps.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue())).toArray(String[]::new));
            assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
            JsonNode report = new ObjectMapper().readTree(check.out());
            long sourceRecords = 0;
            long targetRecords = 0;
            for (JsonNode partition : report.at("/report/partitions")) {
                sourceRecords += partition.get("sourceRecords").asLong();
                targetRecords += partition.get("targetRecords").asLong();
            }
            assertThat(sourceRecords).isEqualTo(TWEETS);
            assertThat(targetRecords).isEqualTo(TWEETS);
            assertThat(KafkaTestClients.readAll(aws.bootstrapServers(), "tweets")).hasSize(TWEETS);
            assertThat(mm2.terminate()).isEqualTo(143);
        }
    }
}
