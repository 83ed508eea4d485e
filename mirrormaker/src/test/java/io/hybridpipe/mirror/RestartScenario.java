package io.hybridpipe.mirror;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.hybridpipe.embedded.kafka.EmbeddedKafkaPair;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Replicates tweets while everything that can restart does: the AWS broker restarts, MirrorMaker stops cleanly
 * and comes back as a separate hybridpipe-mm2 process, which is then killed with SIGKILL (no offset commit)
 * and replaced. Returns what the AWS topic finally holds (read_committed).
 */
final class RestartScenario {

    static final String TOPIC = "tweets.restart";
    static final int TWEETS = 20_000;
    private static final int BATCH = 1_000;

    private RestartScenario() {
    }

    static List<ConsumerRecord<String, byte[]>> run(EmbeddedKafkaPair clusters, Map<String, String> mm2Overrides,
                                                    Path workDir) throws Exception {
        Mm2Config config = Mm2TestConfigs.local(clusters, mm2Overrides);
        Map<String, String> subprocessOverrides = new HashMap<>(Mm2TestConfigs.bootstrapOverrides(clusters));
        subprocessOverrides.putAll(mm2Overrides);
        TweetGenerator tweets = new TweetGenerator(5_000);
        String onprem = clusters.onprem().bootstrapServers();
        String aws = clusters.aws().bootstrapServers();

        MirrorMakerProcess inProcess = new MirrorMakerProcess(config).start();
        ExecutorService producer = Executors.newSingleThreadExecutor();
        try {
            Future<?> producing = producer.submit(() -> {
                for (int batch = 0; batch < TWEETS / BATCH; batch++) {
                    KafkaTestClients.produceTweets(onprem, TOPIC, tweets, (long) batch * BATCH, (long) (batch + 1) * BATCH);
                    pause(200);
                }
            });
            awaitReplicatedAtLeast(aws, 4_000);
            clusters.aws().restart();

            awaitReplicatedAtLeast(aws, 8_000);
            inProcess.stop();
            Path logDir = Files.createDirectories(workDir.resolve("mm2-subprocess"));
            Mm2Subprocess separate = Mm2Subprocess.start(Mm2TestConfigs.LOCAL, subprocessOverrides, logDir);
            awaitReplicatedAtLeast(aws, 12_000);
            separate.kill();

            inProcess = new MirrorMakerProcess(config).start();
            producing.get(3, TimeUnit.MINUTES);
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> KafkaTestClients.readAll(aws, TOPIC).stream()
                            .map(KafkaTestClients::seq).distinct().count() >= TWEETS);
            // let anything still in flight (a duplicate, say) arrive before the final read
            pause(3_000);
        } finally {
            producer.shutdownNow();
            inProcess.stop();
        }
        return KafkaTestClients.readAll(aws, TOPIC);
    }

    private static void awaitReplicatedAtLeast(String aws, long records) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> KafkaTestClients.endOffsetSum(aws, TOPIC) >= records);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
