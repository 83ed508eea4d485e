package io.hybridpipe.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.connect.mirror.MirrorMakerConfig;
import org.apache.kafka.connect.mirror.MirrorSourceConfig;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;
import org.apache.kafka.connect.mirror.SourceAndTarget;
import org.junit.jupiter.api.Test;

/** The checked-in MirrorMaker 2 configurations parse and say what the operator guide says they do. */
class ConfigTemplatesTest {

    /** Keys whose value is secret or per site: in the production template they must come from the environment. */
    private static final Pattern SENSITIVE_KEY = Pattern.compile(".*(password|jaas|secret|bootstrap\\.servers|truststore\\.location|keystore).*");

    @Test
    void productionTemplateParsesIntoOneOnpremToAwsFlow() {
        Mm2Config config = Mm2Config.load(Mm2TestConfigs.PRODUCTION, Map.of());
        SourceAndTarget flow = config.flow();
        assertThat(flow).hasToString("onprem->aws");
        assertThat(config.topicsPattern(flow)).isEqualTo("tweets.*");

        MirrorMakerConfig mm2 = new MirrorMakerConfig(config.properties());
        Map<String, String> connector = mm2.connectorBaseConfig(flow, MirrorSourceConnector.class);
        MirrorSourceConfig source = new MirrorSourceConfig(connector);
        assertThat(source.getClass("replication.policy.class").getSimpleName()).isEqualTo("IdentityReplicationPolicy");
        assertThat(source.getInt("tasks.max")).isEqualTo(6);
        assertThat(source.getInt("replication.factor")).isEqualTo(3);
        Map<String, String> p = config.properties();
        assertThat(p).containsEntry("onprem->aws.sync.group.offsets.enabled", "true")
                .containsEntry("onprem->aws.emit.checkpoints.enabled", "true")
                .containsEntry("aws.exactly.once.source.support", "enabled")
                .containsEntry("dedicated.mode.enable.internal.rest", "true")
                .containsEntry("onprem.security.protocol", "SASL_SSL")
                .containsEntry("aws.security.protocol", "SASL_SSL")
                .containsEntry("aws.producer.compression.type", "zstd")
                .containsEntry("config.providers", "env")
                .containsEntry("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        assertThat(p.get("aws.producer.linger.ms")).isNotEqualTo("0");
        List.of("replication.factor", "checkpoints.topic.replication.factor", "heartbeats.topic.replication.factor",
                "offset-syncs.topic.replication.factor", "offset.storage.replication.factor",
                "status.storage.replication.factor", "config.storage.replication.factor")
                .forEach(key -> assertThat(p).containsEntry(key, "3"));
    }

    @Test
    void productionTemplateHoldsNoSecretOrSiteValue() throws Exception {
        Map<String, String> p = Mm2Config.load(Mm2TestConfigs.PRODUCTION, Map.of()).properties();
        List<String> sensitive = p.keySet().stream().filter(k -> SENSITIVE_KEY.matcher(k).matches()).toList();
        assertThat(sensitive).contains("onprem.bootstrap.servers", "aws.bootstrap.servers",
                "onprem.sasl.jaas.config", "aws.ssl.truststore.password");
        for (String key : sensitive) {
            String withoutReferences = p.get(key).replaceAll("\\$\\{env:[A-Z0-9_]+}", "");
            assertThat(withoutReferences).as(key).doesNotContainPattern("(?i)(username|password)=\"[^\"]+\"");
            if (!key.endsWith("jaas.config")) {
                assertThat(withoutReferences).as(key + " comes from the environment").isEmpty();
            }
        }
        String raw = Files.readString(Mm2TestConfigs.PRODUCTION);
        assertThat(raw).doesNotContainPattern("(?im)^[^#]*password\\s*=\\s*\"?[^\"$\\s]");
    }

    @Test
    void localConfigRunsOneFlowWithReplicationFactorOne() {
        Mm2Config config = Mm2Config.load(Mm2TestConfigs.LOCAL, Map.of());
        assertThat(config.flow()).hasToString("onprem->aws");
        assertThat(config.properties()).containsEntry("replication.factor", "1")
                .containsEntry("plugin.discovery", "service_load")
                .containsEntry("aws.plugin.discovery", "service_load");
    }
}
