package io.hybridpipe.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.hybridpipe.embedded.kafka.EmbeddedKafkaPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code hybridpipe-mm2 run} as its own process: replicates, logs to its file, stops cleanly on SIGTERM. */
class LauncherSigtermTest {

    @RegisterExtension
    static final KafkaPairExtension KAFKA = new KafkaPairExtension(Map.of("tweets", 2));





    @Test
    void runsFromLocalPropertiesAndStopsCleanlyOnSigterm() throws Exception {
        Path logDir = Files.createDirectories(KAFKA.dataDir().resolve("logs"));
        Mm2Subprocess mm2 = Mm2Subprocess.start(Mm2TestConfigs.LOCAL, Mm2TestConfigs.bootstrapOverrides(KAFKA.clusters()), logDir);
        replicateAndStop(KAFKA.clusters(), mm2, 500);
    }

    /** Produces {@code tweets} tweets, waits until they are on AWS, sends SIGTERM and checks the clean stop. */
    static void replicateAndStop(EmbeddedKafkaPair pair, Mm2Subprocess mm2, int tweets) throws Exception {
        KafkaTestClients.produceTweets(pair.onprem().bootstrapServers(), "tweets", new TweetGenerator(tweets), 0, tweets);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> KafkaTestClients.endOffsetSum(pair.aws().bootstrapServers(), "tweets") >= tweets);

        int exitCode = mm2.terminate();

        // 128 + SIGTERM: the JVM ran its shutdown hooks and exited
        assertThat(exitCode).isEqualTo(143);
        assertThat(mm2.log())
                .contains("Shutdown requested: stopping MirrorMaker 2")
                .contains("MirrorMaker 2 stopped cleanly: onprem->aws");
        assertThat(KafkaTestClients.readAll(pair.aws().bootstrapServers(), "tweets")).hasSize(tweets);
    }
}
