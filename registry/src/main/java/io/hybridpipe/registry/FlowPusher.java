package io.hybridpipe.registry;

import org.apache.nifi.registry.bucket.Bucket;
import org.apache.nifi.registry.flow.VersionedFlow;
import org.apache.nifi.registry.flow.VersionedFlowSnapshotMetadata;

import java.util.List;
import java.util.Optional;

/**
 * Pushes flow definitions as Registry versions: the bucket and the flow are created when missing,
 * and a version is added only when the canonical content differs from the latest version.
 * Planning and applying are separate steps, so what was read is what the Registry checks (a
 * version pushed by someone else in between makes the Registry answer 409).
 */
public final class FlowPusher {
    private final RegistryGateway registry;
    private final String bucketName;

    public FlowPusher(RegistryGateway registry, String bucketName) {
        this.registry = registry;
        this.bucketName = bucketName;
    }

    /** What a push of {@code definition} would do, from the Registry's current state. */
    public PushPlan plan(FlowDefinition definition) throws RegistryFailure {
        Optional<Bucket> bucket = registry.bucketNamed(bucketName);
        Optional<VersionedFlow> flow = bucket.isPresent() ? registry.flowNamed(bucket.get(), definition.flowName()) : Optional.empty();
        int latest = 0;
        boolean unchanged = false;
        if (flow.isPresent()) {
            List<VersionedFlowSnapshotMetadata> versions = registry.versions(flow.get());
            latest = versions.stream().mapToInt(VersionedFlowSnapshotMetadata::getVersion).max().orElse(0);
            if (latest > 0) {
                FlowDefinition current = FlowDefinitionReader.fromRegistry(definition.source(), registry.version(flow.get(), latest));
                unchanged = current.sameContentAs(definition);
            }
        }
        return new PushPlan(definition, bucket.orElse(null), flow.orElse(null), latest, unchanged);
    }

    public PushResult apply(PushPlan plan, String comment) throws RegistryFailure {
        if (plan.unchanged()) {
            return new PushResult(plan.definition().flowName(), plan.latestVersion(), false);
        }
        Bucket bucket = plan.bucket() != null ? plan.bucket()
                : registry.createBucket(bucketName, "HybridPipe NiFi flows, one flow per file of flow-definitions/");
        VersionedFlow flow = plan.flow() != null ? plan.flow()
                : registry.createFlow(bucket, plan.definition().flowName(), "HybridPipe flow " + plan.definition().source().getFileName());
        VersionedFlowSnapshotMetadata added = registry.addVersion(flow, plan.latestVersion() + 1, plan.definition().content(), comment);
        return new PushResult(plan.definition().flowName(), added.getVersion(), true);
    }

    /** What a push will do, and the Registry state it was planned on. */
    public record PushPlan(FlowDefinition definition, Bucket bucket, VersionedFlow flow, int latestVersion, boolean unchanged) {
    }

    /** The flow's version after the push, and whether the push added it. */
    public record PushResult(String flowName, int version, boolean added) {
        @Override
        public String toString() {
            return added ? flowName + ": pushed version " + version : flowName + ": unchanged, Registry already has it as version " + version;
        }
    }
}
