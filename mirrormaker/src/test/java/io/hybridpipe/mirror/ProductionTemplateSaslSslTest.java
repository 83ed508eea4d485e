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
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;
import io.hybridpipe.embedded.kafka.LocalCertificateAuthority;
import io.hybridpipe.embedded.kafka.SaslSslListener;
import org.junit.jupiter.api.Test;

/**
 * The production template {@code config/onprem-to-aws.properties} as it is checked in - TLS with hostname
 * verification and SASL/SCRAM-SHA-512 on both sides, every site value from the environment through
 * EnvVarConfigProvider, IdentityReplicationPolicy, exactly-once - run by the launcher in its own JVM against two
 * clusters that only accept those credentials on their SASL_SSL listeners.
 */
class ProductionTemplateSaslSslTest {

    private static final int TWEETS = 2_000;

    /**
     * The only overrides of the template. The test clusters have one broker each, so replication factor 3 cannot be
     * met: exactly the seven replication factors go to 1. The internal REST port 8083 of the template may be taken on
     * a shared machine, so the REST listener takes a free port instead.
     */
    private static final Map<String, String> SINGLE_BROKER_OVERRIDES = Map.of(
            "replication.factor", "1",
            "checkpoints.topic.replication.factor", "1",
            "heartbeats.topic.replication.factor", "1",
            "offset-syncs.topic.replication.factor", "1",
            "offset.storage.replication.factor", "1",
            "status.storage.replication.factor", "1",
            "config.storage.replication.factor", "1",
            "listeners", "http://127.0.0.1:0");

    @Test
    void replicatesOverSaslSslWithTheTemplateAndMirrorCheckAgrees() throws Exception {
        Path base = Files.createDirectories(Paths.get(System.getProperty("java.io.tmpdir")));
        Path dir = Files.createTempDirectory(base, getClass().getSimpleName());
        LocalCertificateAuthority ca = LocalCertificateAuthority.create(dir.resolve("tls"));
        SaslSslListener onpremListener = ca.brokerListener("onprem", "mm2-onprem");
        SaslSslListener awsListener = ca.brokerListener("aws", "mm2-aws");
        try (EmbeddedKafkaCluster onprem = new EmbeddedKafkaCluster("onprem", dir, Map.of(), onpremListener).start();
             EmbeddedKafkaCluster aws = new EmbeddedKafkaCluster("aws", dir, Map.of(), awsListener).start()) {
            onprem.createTopic("tweets", 3);
            // produced through the PLAINTEXT listener: the subject here is MirrorMaker's side
            KafkaTestClients.produceTweets(onprem.bootstrapServers(), "tweets", new TweetGenerator(TWEETS), 0, TWEETS);
            Map<String, String> environment = environment(onprem, onpremListener, aws, awsListener, ca);
            Path logDir = Files.createDirectories(dir.resolve("logs"));

            Mm2Subprocess mm2 = Mm2Subprocess.start(Mm2Subprocess.testClasspathLauncher(), environment,
                    Mm2TestConfigs.PRODUCTION, SINGLE_BROKER_OVERRIDES, logDir);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> KafkaTestClients.readAll(aws.bootstrapServers(), "tweets").size() >= TWEETS);

            // mirror-check reads the same template and connects over SASL_SSL too; --exact-count: exactly-once
            // writes transaction markers, so offsets are not records on the target
            List<String> check = List.of("mirror-check", "--config", Mm2TestConfigs.PRODUCTION.toString(),
                    "--exact-count", "--json");
            CliRun inSync = Mm2Subprocess.runOnce(check, environment, logDir);
            assertThat(inSync.exitCode()).as(inSync.out()).isZero();
            JsonNode report = new ObjectMapper().readTree(inSync.out());
            assertThat(report.get("inSync").asBoolean()).isTrue();
            long targetRecords = 0;
            for (JsonNode partition : report.at("/report/partitions")) {
                targetRecords += partition.get("targetRecords").asLong();
            }
            assertThat(targetRecords).as("records mirror-check counted on aws").isEqualTo(TWEETS);
            assertThat(KafkaTestClients.readAll(aws.bootstrapServers(), "tweets")).hasSize(TWEETS);

            Map<String, String> wrongPassword = new HashMap<>(environment);
            wrongPassword.put("HYBRIDPIPE_AWS_MM2_PASSWORD", "not-" + awsListener.scramPassword());
            CliRun rejected = Mm2Subprocess.runOnce(Stream.concat(check.stream(), Stream.of("--timeout", "PT15S")).toList(),
                    wrongPassword, logDir);
            assertThat(rejected.exitCode()).as("the aws listener rejects a wrong SCRAM password: " + rejected.out())
                    .isEqualTo(3);

            assertThat(mm2.terminate()).isEqualTo(143);
            String everythingLogged = mm2.log() + Files.readString(logDir.resolve("stdout.txt")) + inSync.out() + rejected.out();
            assertThat(everythingLogged).contains("MirrorMaker 2 stopped cleanly: onprem->aws");
            for (String secret : List.of(onpremListener.scramPassword(), awsListener.scramPassword(),
                    ca.truststorePassword(), onpremListener.keystorePassword(), awsListener.keystorePassword())) {
                assertThat(everythingLogged).as("a password in the launcher's output").doesNotContain(secret);
            }
        }
    }

    private static Map<String, String> environment(EmbeddedKafkaCluster onprem, SaslSslListener onpremListener,
                                                   EmbeddedKafkaCluster aws, SaslSslListener awsListener,
                                                   LocalCertificateAuthority ca) {
        Map<String, String> env = new HashMap<>();
        env.put("HYBRIDPIPE_ONPREM_BOOTSTRAP", onprem.saslSslBootstrapServers());
        env.put("HYBRIDPIPE_ONPREM_MM2_USER", onpremListener.scramUser());
        env.put("HYBRIDPIPE_ONPREM_MM2_PASSWORD", onpremListener.scramPassword());
        env.put("HYBRIDPIPE_ONPREM_TRUSTSTORE", ca.truststore().toString());
        env.put("HYBRIDPIPE_ONPREM_TRUSTSTORE_PASSWORD", ca.truststorePassword());
        env.put("HYBRIDPIPE_AWS_BOOTSTRAP", aws.saslSslBootstrapServers());
        env.put("HYBRIDPIPE_AWS_MM2_USER", awsListener.scramUser());
        env.put("HYBRIDPIPE_AWS_MM2_PASSWORD", awsListener.scramPassword());
        env.put("HYBRIDPIPE_AWS_TRUSTSTORE", ca.truststore().toString());
        env.put("HYBRIDPIPE_AWS_TRUSTSTORE_PASSWORD", ca.truststorePassword());
        return env;
    }
}
