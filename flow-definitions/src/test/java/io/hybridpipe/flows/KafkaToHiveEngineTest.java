package io.hybridpipe.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.hive.jdbc.HiveDriver;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hybridpipe.embedded.hadoop.EmbeddedHdfs;
import io.hybridpipe.embedded.hive.HiveServerProcess;
import io.hybridpipe.embedded.nifi.FlowDefinitionEditor;
import io.hybridpipe.embedded.nifi.RunningStatelessFlow;
import io.hybridpipe.embedded.nifi.StatelessFlowRunner;
import io.hybridpipe.embedded.nifi.StatelessRunResult;
import io.hybridpipe.embedded.nifi.TriggerPlan;

/**
 * kafka-to-hive in the real NiFi Stateless 1.18.0 engine with our NAR. ConsumeKafka_2_6 is not obtainable here, so
 * exactly it is swapped for an input port fed with what it would emit (newline-demarcated batches of raw messages);
 * MergeContent, PutHiveLanding and PutFile run as written, against MiniDFS and the Hive server.
 */
class KafkaToHiveEngineTest {

    private static final int TWEETS = 1_000;
    private static final int BATCHES = 5;
    private static final Path NAR = Path.of("target/nars/nifi-twitter-nar.nar");

    @TempDir
    static Path dir;

    @Test
    void everyTweetFedInIsQueryableOnceInHiveAndTheInvalidLineIsQuarantined() throws Exception {
        Path quarantine = dir.resolve("quarantine");
        Path flow = dir.resolve("kafka-to-hive-engine.json");
        FlowDefinitionEditor.read(Path.of("kafka-to-hive.json"))
                .replaceWithInputPort("Consume tweets", "tweets", "success")
                .write(flow);
        try (EmbeddedHdfs hdfs = EmbeddedHdfs.start(dir.resolve("dfs"));
             HiveServerProcess hive = HiveServerProcess.start(dir.resolve("hive"), Optional.of(hdfs.hdfsUri()))) {
            Path site = hdfs.writeClientConfiguration(dir.resolve("conf/core-site.xml"));
            StatelessFlowRunner.Builder builder = StatelessFlowRunner.builder()
                    .workingDirectory(dir.resolve("nifi"))
                    .extraNar(NAR)
                    .flowDefinition(flow)
                    .parameter("hadoop.configuration.resources", site.toString())
                    .parameter("hive.table.location", hdfs.hdfsUri() + "/data/raw/tweets")
                    .parameter("hive.jdbc.url", hive.jdbcUrl())
                    .parameter("hive.user", "nifi")
                    .parameter("hive.database", "default")
                    .parameter("hive.table", "tweets_engine")
                    .parameter("merge.min.size", "1 B")
                    .parameter("merge.max.size", "64 MB")
                    .parameter("merge.max.entries", "2")
                    .parameter("merge.max.bin.age", "1 sec")
                    .parameter("quarantine.directory", quarantine.toString())
                    .triggerPlan(TriggerPlan.untilStopped().within(Duration.ofMinutes(5))
                            .drainingUntilQuietFor(Duration.ofSeconds(3)))
                    .heap("512m");
            for (byte[] batch : kafkaBatches()) {
                builder.input("tweets", batch, Map.of("kafka.topic", "tweets"));
            }

            StatelessRunResult result;
            try (RunningStatelessFlow running = builder.build().start()) {
                try {
                    await("every tweet queryable in Hive").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                            .until(() -> !running.isAlive() || countIn(hive).equals(TWEETS + "|" + TWEETS));
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("Hive has " + countIn(hive) + "; engine log:\n" + tail(running.logFile()), e);
                }
                result = running.stop();
            }

            assertThat(result.succeeded()).as(result.describeFailure()).isTrue();
            assertThat(result.errorLines()).as("ERROR lines in the engine log %s", result.logFile()).isEmpty();
            assertThat(countIn(hive)).isEqualTo(TWEETS + "|" + TWEETS);
            List<String> quarantined = new ArrayList<>();
            try (Stream<Path> files = Files.list(quarantine)) {
                for (Path file : files.toList()) {
                    quarantined.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            }
            assertThat(quarantined).singleElement().asString().contains("not a kafka message, just text");
        }
    }

    /** What ConsumeKafka_2_6 with a newline demarcator emits: raw messages joined by '\n', one batch per poll. */
    private static List<byte[]> kafkaBatches() {
        Instant start = Instant.parse("2026-11-28T07:00:00Z");
        List<byte[]> batches = new ArrayList<>();
        int perBatch = TWEETS / BATCHES;
        for (int b = 0; b < BATCHES; b++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) {
                long id = 900_000L + (long) b * perBatch + i;
                lines.add(tweet(Long.toString(id), start.plusSeconds(id % 7200)));
            }
            if (b == 2) {
                lines.add(perBatch / 2, "not a kafka message, just text");
            }
            batches.add(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }
        return batches;
    }

    private static String tweet(String id, Instant createdAt) {
        return "{\"data\":{\"id\":\"" + id + "\",\"text\":\"engine tweet " + id + "\",\"created_at\":\"" + createdAt
                + "\",\"author_id\":\"7\",\"lang\":\"en\"},\"includes\":{\"users\":[{\"id\":\"7\",\"username\":\"engine\","
                + "\"name\":\"Engine\"}]},\"matching_rules\":[{\"id\":\"1\",\"tag\":\"engine\"}]}";
    }

    private static String tail(Path log) throws java.io.IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log at " + log + ")";
        return text.length() <= 20_000 ? text : text.substring(text.length() - 20_000);
    }

    private static String countIn(HiveServerProcess hive) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "test");
        try (Connection c = new HiveDriver().connect(hive.jdbcUrl(), props);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM default.tweets_engine")) {
            rs.next();
            return rs.getLong(1) + "|" + rs.getLong(2);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("TABLE_OR_VIEW_NOT_FOUND")) {
                return "no table yet";
            }
            throw e;
        }
    }
}
