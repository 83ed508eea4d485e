package io.hybridpipe.embedded.kafka;

import java.nio.file.Path;

/**
 * A SASL_SSL listener with SCRAM-SHA-512 for an {@link EmbeddedKafkaCluster}: the broker's PKCS12 keystore and the
 * one SCRAM user the cluster creates when it starts. Passwords live in memory only; nothing here is written to a file
 * other than the keystore itself.
 */
public record SaslSslListener(Path keystore, String keystorePassword, String scramUser, String scramPassword) {

    @Override
    public String toString() {
        return "SaslSslListener[keystore=" + keystore + ", scramUser=" + scramUser + "]";
    }
}
