package io.hybridpipe.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.hybridpipe.embedded.nifi.FlowDefinitionEditor;
import io.hybridpipe.embedded.nifi.FlowFileData;
import io.hybridpipe.embedded.nifi.RunningStatelessFlow;
import io.hybridpipe.embedded.nifi.StatelessFlowRunner;
import io.hybridpipe.embedded.nifi.StatelessRunResult;
import io.hybridpipe.embedded.nifi.TriggerPlan;
import io.hybridpipe.embedded.x.XApiEmulator;

/**
 * twitter-to-kafka in the real NiFi Stateless 1.18.0 engine with our NAR, against the X API emulator (a test double
 * of X). PublishKafka_2_6 is not obtainable here, so exactly it is swapped for an output port; what reaches the port
 * is what it would publish: one FlowFile per tweet, the message as sent, with the record key in {@code tweet.id}.
 */
class TwitterToKafkaEngineTest {

    private static final int TWEETS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @Test
    void everyTweetBecomesOneRecordKeyedByItsId() throws Exception {
        String bearerToken = "engine-test-" + UUID.randomUUID();
        Path errors = dir.resolve("errors");
        Path flow = dir.resolve("twitter-to-kafka-engine.json");
        FlowDefinitionEditor.read(Path.of("twitter-to-kafka.json"))
                .replaceWithOutputPort("Publish to Kafka", "kafka")
                .write(flow);
        try (XApiEmulator x = XApiEmulator.builder().port(0).bearerToken(bearerToken).seed(7L).ratePerSecond(0).build()) {
            x.start();
            StatelessFlowRunner runner = StatelessFlowRunner.builder()
                    .workingDirectory(dir.resolve("nifi"))
                    .extraNar(Path.of("target/nars/nifi-twitter-nar.nar"))
                    .flowDefinition(flow)
                    .parameter("x.base.url", x.baseUrl())
                    .parameter("x.bearer.token", bearerToken)
                    .parameter("x.stream.endpoint", "sample")
                    .parameter("x.batch.size", "50")
                    .parameter("errors.directory", errors.toString())
                    .triggerPlan(TriggerPlan.untilStopped().within(Duration.ofMinutes(4))
                            .drainingUntilQuietFor(Duration.ofSeconds(5)))
                    .heap("384m")
                    .build();
            StatelessRunResult result;
            try (RunningStatelessFlow running = runner.start()) {
                await("the processor connects to the stream").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> x.activeConnections() > 0 || !running.isAlive());
                assertThat(running.isAlive()).as("engine running; log %s", running.logFile()).isTrue();
                x.emit(TWEETS);
                await("every tweet written to the socket").atMost(Duration.ofSeconds(30))
                        .until(() -> x.distinctSentTweetIds().size() >= TWEETS);
                result = running.stop();
            }

            assertThat(result.succeeded()).as(result.describeFailure()).isTrue();
            List<FlowFileData> records = result.outputFlowFiles("kafka");
            assertThat(records).hasSize(TWEETS).allSatisfy(r -> {
                assertThat(r.contentAsString()).doesNotContain("\n");
                assertThat(r.attribute("tweet.id")).isEqualTo(JSON.readTree(r.content()).path("data").path("id").asText());
            });
            assertThat(records.stream().map(r -> r.attribute("tweet.id")).toList())
                    .containsExactlyInAnyOrderElementsOf(x.distinctSentTweetIds());
            if (Files.exists(errors)) {
                try (Stream<Path> files = Files.list(errors)) {
                    assertThat(files.toList()).as("nothing routed to the operators' errors folder").isEmpty();
                }
            }
        }
    }
}
