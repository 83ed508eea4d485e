package io.hybridpipe.registry;

import org.apache.nifi.registry.bucket.Bucket;
import org.apache.nifi.registry.client.NiFiRegistryClient;
import org.apache.nifi.registry.client.RequestConfig;
import org.apache.nifi.registry.revision.entity.RevisionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The common scenarios against a real NiFi Registry (1.18 - 1.28), run only when
 * HYBRIDPIPE_NIFI_REGISTRY_URL is set. For a secured Registry also set NIFI_REGISTRY_TOKEN, or
 * HYBRIDPIPE_NIFI_REGISTRY_TRUSTSTORE / HYBRIDPIPE_NIFI_REGISTRY_KEYSTORE with
 * NIFI_REGISTRY_TRUSTSTORE_PASSWORD / NIFI_REGISTRY_KEYSTORE_PASSWORD. Each test works in a bucket
 * named hybridpipe-test-* of its own and deletes it afterwards.
 */
@EnabledIfEnvironmentVariable(named = "HYBRIDPIPE_NIFI_REGISTRY_URL", matches = ".+")
class FlowRegistryAgainstRealRegistryTest extends FlowRegistryScenarios {
    @Override
    String registryUrl() {
        return System.getenv("HYBRIDPIPE_NIFI_REGISTRY_URL");
    }

    @Override
    List<String> connectionArgs() {
        List<String> args = new ArrayList<>();
        String truststore = System.getenv("HYBRIDPIPE_NIFI_REGISTRY_TRUSTSTORE");
        String keystore = System.getenv("HYBRIDPIPE_NIFI_REGISTRY_KEYSTORE");
        if (truststore != null) {
            args.addAll(List.of("--truststore", truststore));
        }
        if (keystore != null) {
            args.addAll(List.of("--keystore", keystore));
        }
        return args;
    }

    @Override
    Map<String, String> environment() {
        return System.getenv();
    }

    @AfterEach
    void deleteTestBucket() throws Exception {
        ConnectionOptions options = connectionOptions();
        try (NiFiRegistryClient client = options.client()) {
            RequestConfig requestConfig = options.requestConfig(client);
            for (Bucket candidate : client.getBucketClient(requestConfig).getAll()) {
                if (bucket.equals(candidate.getName())) {
                    long revision = candidate.getRevision() == null ? 0L : candidate.getRevision().getVersion();
                    client.getBucketClient(requestConfig).delete(candidate.getIdentifier(), new RevisionInfo(null, revision));
                }
            }
        }
    }
}
