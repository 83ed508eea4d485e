package io.hybridpipe.embedded.kafka;

import java.nio.file.Path;
import java.util.Map;

/**
 * The two Kafka clusters of HybridPipe, {@code onprem} and {@code aws}, each a single KRaft node in this JVM.
 */
public final class EmbeddedKafkaPair implements AutoCloseable {

    public static final String ONPREM = "onprem";
    public static final String AWS = "aws";

    private final EmbeddedKafkaCluster onprem;
    private final EmbeddedKafkaCluster aws;

    private EmbeddedKafkaPair(EmbeddedKafkaCluster onprem, EmbeddedKafkaCluster aws) {
        this.onprem = onprem;
        this.aws = aws;
    }

    /** Starts both clusters with data under {@code baseDir/onprem} and {@code baseDir/aws}. */
    public static EmbeddedKafkaPair start(Path baseDir) {
        return start(baseDir, Map.of());
    }

    /** Starts both clusters; {@code brokerOverrides} apply to both. */
    public static EmbeddedKafkaPair start(Path baseDir, Map<String, String> brokerOverrides) {
        EmbeddedKafkaCluster onprem = new EmbeddedKafkaCluster(ONPREM, baseDir, brokerOverrides).start();
        try {
            EmbeddedKafkaCluster aws = new EmbeddedKafkaCluster(AWS, baseDir, brokerOverrides).start();
            return new EmbeddedKafkaPair(onprem, aws);
        } catch (RuntimeException e) {
            onprem.stop();
            throw e;
        }
    }

    public EmbeddedKafkaCluster onprem() {
        return onprem;
    }

    public EmbeddedKafkaCluster aws() {
        return aws;
    }

    @Override
    public void close() {
        try {
            aws.stop();
        } finally {
            onprem.stop();
        }
    }
}
