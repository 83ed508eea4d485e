package io.hybridpipe.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SASL_SSL (SCRAM-SHA-512) listener: the SCRAM user gets in over TLS with hostname verification, a wrong password does not. */
class SaslSslListenerTest {

    @TempDir
    Path dir;

    @Test
    void scramUserConnectsOverTlsAndWrongPasswordIsRejected() throws Exception {
        LocalCertificateAuthority ca = LocalCertificateAuthority.create(dir.resolve("tls"));
        SaslSslListener listener = ca.brokerListener("secure", "mm2");
        try (EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster("secure", dir, Map.of(), listener).start()) {
            cluster.createTopic("tweets", 2);

            try (Admin admin = Admin.create(clientConfig(cluster, ca, listener.scramUser(), listener.scramPassword()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("tweets");
            }
            try (Admin intruder = Admin.create(clientConfig(cluster, ca, listener.scramUser(), "wrong"))) {
                assertThatThrownBy(() -> intruder.listTopics().names().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    private static Map<String, Object> clientConfig(EmbeddedKafkaCluster cluster, LocalCertificateAuthority ca,
                                                    String user, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.saslSslBootstrapServers());
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.location", ca.truststore().toString());
        config.put("ssl.truststore.password", ca.truststorePassword());
        config.put("ssl.endpoint.identification.algorithm", "https");
        return config;
    }
}
