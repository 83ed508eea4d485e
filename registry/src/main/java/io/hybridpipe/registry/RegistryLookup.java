package io.hybridpipe.registry;

import org.apache.nifi.registry.bucket.Bucket;
import org.apache.nifi.registry.flow.VersionedFlow;

/** Finds a bucket and its flows by name, failing with a Registry-style 404 when one is missing. */
final class RegistryLookup {
    private final RegistryGateway registry;
    private final String bucketName;

    RegistryLookup(RegistryGateway registry, String bucketName) {
        this.registry = registry;
        this.bucketName = bucketName;
    }

    Bucket bucket() throws RegistryFailure {
        return registry.bucketNamed(bucketName).orElseThrow(() -> RegistryFailure.notFound(
                "bucket '" + bucketName + "' does not exist in this Registry (push creates it)"));
    }

    VersionedFlow flow(Bucket bucket, String flowName) throws RegistryFailure {
        return registry.flowNamed(bucket, flowName).orElseThrow(() -> RegistryFailure.notFound(
                "flow '" + flowName + "' is not in bucket '" + bucket.getName() + "'"));
    }

    String versionLabel(VersionedFlow flow, Integer version) {
        return bucketName + "/" + flow.getName() + (version == null ? " latest version" : " version " + version);
    }
}
