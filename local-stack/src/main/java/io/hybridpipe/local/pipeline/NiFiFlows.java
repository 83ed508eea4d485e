package io.hybridpipe.local.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.hybridpipe.embedded.nifi.FlowDefinitionEditor;
import io.hybridpipe.embedded.nifi.StatelessFlowRunner;
import io.hybridpipe.embedded.nifi.TriggerPlan;
import io.hybridpipe.local.stack.Directories;

/**
 * The two flows of {@code flow-definitions/} as the local NiFi Stateless 1.18.0 engine runs them, with our NAR: the
 * Kafka processors (whose NAR is not obtainable here) swapped for ports the stack bridges, every other component as
 * checked in. Sensitive values (the X bearer token) are handed over as parameters, which travel on the engine's
 * standard input only.
 */
final class NiFiFlows {

    static final String KAFKA_TO_HIVE_PORT = "tweets";
    /** Both flows run as long as the stack; the driver needs a deadline, so a day. */
    private static final Duration ENGINE_LIFETIME = Duration.ofHours(24);

    private NiFiFlows() {
    }

    /** twitter-to-kafka: reads the X emulator's sample stream, emits one FlowFile per tweet on port "kafka". */
    static StatelessFlowRunner twitterToKafka(Path workDir, String xBaseUrl, String xBearerToken) throws IOException {
        Path dir = workDir.resolve("nifi/twitter-to-kafka");
        Path flow = dir.resolve("twitter-to-kafka-local.json");
        FlowDefinitionEditor.read(Resources.copy("twitter-to-kafka.json", dir.resolve("twitter-to-kafka.json")))
                .replaceWithOutputPort("Publish to Kafka", TwitterToKafkaBridge.PORT)
                .write(flow);
        return StatelessFlowRunner.builder()
                .workingDirectory(engineDirectory(workDir))
                .extraNar(twitterNar())
                .flowDefinition(flow)
                .parameter("x.base.url", xBaseUrl)
                .parameter("x.bearer.token", xBearerToken)
                .parameter("x.stream.endpoint", "sample")
                .parameter("x.batch.size", "200")
                .parameter("errors.directory", workDir.resolve("nifi/x-errors").toString())
                .triggerPlan(TriggerPlan.untilStopped().within(ENGINE_LIFETIME)
                        .drainingUntilQuietFor(Duration.ofSeconds(3)))
                .heap("384m")
                .build();
    }

    /** kafka-to-hive with its consumer swapped for input port "tweets"; one engine, fed batch after batch. */
    static StatelessFlowRunner kafkaToHive(Path workDir, Path flow, Path hadoopSite, String tableLocation,
                                           String hiveJdbcUrl, String hiveDatabase, String hiveTable) {
        return StatelessFlowRunner.builder()
                .workingDirectory(engineDirectory(workDir))
                .extraNar(twitterNar())
                .flowDefinition(flow)
                .parameter("hadoop.configuration.resources", hadoopSite.toString())
                .parameter("hive.table.location", tableLocation)
                .parameter("hive.jdbc.url", hiveJdbcUrl)
                .parameter("hive.user", "nifi")
                .parameter("hive.database", hiveDatabase)
                .parameter("hive.table", hiveTable)
                .parameter("merge.min.size", "1 B")
                .parameter("merge.max.size", "256 MB")
                // one Kafka batch in, the same bytes out: a replayed batch gets the same content-hash file names
                .parameter("merge.max.entries", "1")
                .parameter("merge.max.bin.age", "1 sec")
                .parameter("quarantine.directory", workDir.resolve("nifi/quarantine").toString())
                .triggerPlan(TriggerPlan.fedInBatchesUntilStopped().within(ENGINE_LIFETIME))
                .heap("768m")
                .build();
    }

    static Path kafkaToHiveDefinition(Path workDir) throws IOException {
        Path dir = workDir.resolve("nifi/kafka-to-hive");
        Path flow = dir.resolve("kafka-to-hive-local.json");
        FlowDefinitionEditor.read(Resources.copy("kafka-to-hive.json", dir.resolve("kafka-to-hive.json")))
                .replaceWithInputPort("Consume tweets", KAFKA_TO_HIVE_PORT, "success")
                .write(flow);
        return flow;
    }

    /**
     * Where NiFi Stateless keeps its unpacked NARs, shared by both flows and kept beside the work directory between
     * runs: unpacking costs 8 s on an idle machine and over a minute on a busy one. Only the runs of the last stack
     * are cleared.
     */
    static Path engineDirectory(Path workDir) {
        return workDir.resolveSibling(workDir.getFileName() + "-nifi-engine");
    }

    static void clearRuns(Path workDir) throws IOException {
        Directories.deleteRecursively(engineDirectory(workDir).resolve("runs"));
    }

    /** The NAR the build copied next to the classes ({@code local-stack/target/nars}). */
    static Path twitterNar() {
        Path nar = Path.of(HybridPipeClasspath.ownLocation().getParent().toString(), "nars", "nifi-twitter-nar.nar");
        if (!Files.isRegularFile(nar)) {
            throw new IllegalStateException("The NiFi NAR " + nar + " is missing: build local-stack first "
                    + "('mvn -B -q install -DskipTests' at the top of the repository)");
        }
        return nar;
    }
}
