package io.hybridpipe.nifi.twitter.engine;

import io.hybridpipe.embedded.nifi.RunningStatelessFlow;
import io.hybridpipe.embedded.nifi.StatelessFlowRunner;
import io.hybridpipe.embedded.nifi.StatelessRunResult;
import io.hybridpipe.embedded.nifi.TriggerPlan;
import io.hybridpipe.embedded.x.XApiEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The NAR in the real NiFi Stateless 1.18.0 engine: ConsumeTwitterStream -> PutFile against the X API
 * emulator (a test double of X). Every tweet the emulator wrote to the stream must land exactly once,
 * also when the flow is stopped right after the last tweet was sent.
 */
class ConsumeTwitterStreamEngineTest {

    private static final int TWEETS = 600;
    private static final int EMIT_CHUNKS = 6;

    @TempDir
    static Path workingDirectory;

    @Test
    void everyTweetTheEmulatorSentLandsInThePutFileDirectoryExactlyOnce(@TempDir Path output) throws Exception {
        String bearerToken = "engine-test-" + UUID.randomUUID();
        Path tweets = output.resolve("tweets");
        Path errors = output.resolve("errors");
        Path rejected = output.resolve("rejected");

        try (XApiEmulator x = XApiEmulator.builder().port(0).bearerToken(bearerToken).seed(42L).ratePerSecond(0).build()) {
            x.start();
            StatelessFlowRunner runner = StatelessFlowRunner.builder()
                    .workingDirectory(workingDirectory)
                    .extraNar(EngineTestFiles.twitterNar())
                    .flowDefinition(EngineTestFiles.flow("x-stream-to-files.json"))
                    .parameter("x.base.url", x.baseUrl())
                    .parameter("x.bearer.token", bearerToken)
                    .parameter("x.stream.endpoint", "sample")
                    .parameter("x.batch.size", "50")
                    .parameter("tweets.directory", tweets.toString())
                    .parameter("errors.directory", errors.toString())
                    .parameter("rejected.directory", rejected.toString())
                    // a quiet period well above max-batch-latency (500 ms), with room for a busy machine
                    .triggerPlan(TriggerPlan.untilStopped().within(Duration.ofSeconds(120)).drainingUntilQuietFor(Duration.ofSeconds(5)))
                    .heap("384m")
                    .build();

            StatelessRunResult result;
            try (RunningStatelessFlow flow = runner.start()) {
                await("the processor connects to the stream").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                        .until(() -> x.activeConnections() > 0 || !flow.isAlive());
                assertThat(flow.isAlive()).as("engine still running; log: %s", flow.logFile()).isTrue();

                for (int chunk = 0; chunk < EMIT_CHUNKS; chunk++) {
                    x.emit(TWEETS / EMIT_CHUNKS);
                    Thread.sleep(150);
                }
                await("the emulator has written every tweet to the socket").atMost(Duration.ofSeconds(30))
                        .until(() -> x.distinctSentTweetIds().size() >= TWEETS);
                // No waiting for the files: a requested stop must hand over what the reader still holds.
                result = flow.stop();
            }

            assertThat(result.succeeded()).as(result.describeFailure()).isTrue();
            assertThat(result.summary()).hasValueSatisfying(summary -> assertThat(summary.stopReason()).isEqualTo("stop-requested"));
            List<String> sent = x.distinctSentTweetIds();
            assertThat(sent).hasSize(TWEETS);
            LandedTweets landed = LandedTweets.in(tweets);
            Map<String, Integer> expected = sent.stream().collect(Collectors.toMap(Function.identity(), id -> 1));
            assertThat(landed.occurrencesById()).as("tweet id -> times landed").isEqualTo(expected);
            assertThat(result.counter("Tweets emitted")).as("the processor's own count").isEqualTo(TWEETS);
            assertThat(landed.fileCount()).as("batches of at most 50").isGreaterThanOrEqualTo(TWEETS / 50);
            assertThat(LandedTweets.filesIn(errors)).as("FlowFiles on 'errors' (none expected)").isEmpty();
            assertThat(LandedTweets.filesIn(rejected)).as("FlowFiles PutFile could not write (a batch name twice?)").isEmpty();
            assertThat(Files.readString(result.logFile())).as("the bearer token never reaches the log").doesNotContain(bearerToken);
        }
    }
}
