package io.hybridpipe.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;
import io.hybridpipe.embedded.nifi.FlowFileData;
import io.hybridpipe.embedded.nifi.FlowFileFolder;

/**
 * What twitter-to-kafka's swapped publisher port emits reaches a real Kafka broker as PublishKafka_2_6 would send it,
 * including FlowFiles the engine writes while the bridge runs, and each one's files are gone once Kafka has it.
 */
class TwitterToKafkaBridgeTest {

    @TempDir
    Path dir;

    @Test
    void everyFlowFileBecomesOneRecordKeyedByTweetIdWithHybridpipeAttributesAsHeaders() throws Exception {
        try (EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster("onprem", dir.resolve("kafka")).start()) {
            kafka.createTopic("tweets", 2);
            FlowFileFolder engineOutput = new FlowFileFolder(dir.resolve("output"));
            for (int i = 1; i <= 50; i++) {
                engineOutput.write(flowFile(i));
            }
            TwitterToKafkaBridge bridge = new TwitterToKafkaBridge(dir.resolve("output"), kafka.bootstrapServers(), "tweets");
            Thread thread = new Thread(bridge);
            thread.start();
            for (int i = 51; i <= 100; i++) {
                engineOutput.write(flowFile(i));
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> bridge.produced() == 100 || bridge.failure() != null);
            bridge.finish();
            thread.join(30_000);

            assertThat(bridge.failure()).isNull();
            try (var files = Files.list(dir.resolve("output"))) {
                assertThat(files.toList()).as("handed-over FlowFiles are deleted").isEmpty();
            }
            List<ConsumerRecord<String, String>> records = readAll(kafka, 100);
            assertThat(records).hasSize(100).allSatisfy(r -> {
                assertThat(r.value()).isEqualTo(tweet(r.key()));
                assertThat(new String(r.headers().lastHeader("hybridpipe.ingested-at").value(), StandardCharsets.UTF_8))
                        .isEqualTo("2026-11-28T07:00:00Z");
                assertThat(r.headers().lastHeader("tweet.id")).as("only hybridpipe.* attributes become headers").isNull();
            });
            assertThat(records.stream().map(ConsumerRecord::key).distinct()).hasSize(100);
        }
    }

    private static FlowFileData flowFile(int i) {
        String id = Long.toString(1_000_000L + i);
        return new FlowFileData(TwitterToKafkaBridge.PORT, tweet(id).getBytes(StandardCharsets.UTF_8),
                Map.of("tweet.id", id, "hybridpipe.ingested-at", "2026-11-28T07:00:00Z", "filename", "t" + i));
    }

    private static String tweet(String id) {
        return "{\"data\":{\"id\":\"" + id + "\",\"text\":\"hello\"}}";
    }

    private static List<ConsumerRecord<String, String>> readAll(EmbeddedKafkaCluster kafka, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bridge-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("tweets"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
