package io.hybridpipe.registry;

import org.apache.nifi.registry.bucket.Bucket;
import org.apache.nifi.registry.flow.VersionedFlow;
import org.apache.nifi.registry.flow.VersionedFlowSnapshotMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", description = "Lists the flows of the bucket with their latest version, and whether the local"
        + " file holds that version.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    FlowLocation location;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (RegistryGateway registry = connection.connect()) {
            Bucket bucket = new RegistryLookup(registry, location.bucket).bucket();
            List<VersionedFlow> flows = registry.flows(bucket);
            flows.sort(Comparator.comparing(VersionedFlow::getName));
            out.printf("bucket %s (%s): %d flow(s)%n", bucket.getName(), bucket.getIdentifier(), flows.size());
            for (VersionedFlow flow : flows) {
                List<VersionedFlowSnapshotMetadata> versions = registry.versions(flow);
                VersionedFlowSnapshotMetadata latest = versions.stream()
                        .max(Comparator.comparingInt(VersionedFlowSnapshotMetadata::getVersion)).orElse(null);
                if (latest == null) {
                    out.printf("  %-32s no versions%n", flow.getName());
                    continue;
                }
                out.printf("  %-32s v%-4d %s by %s: %s  [local: %s]%n", flow.getName(), latest.getVersion(),
                        Instant.ofEpochMilli(latest.getTimestamp()), latest.getAuthor(), latest.getComments(),
                        localState(registry, flow));
            }
        }
        out.flush();
        return 0;
    }

    private String localState(RegistryGateway registry, VersionedFlow flow) throws RegistryFailure, IOException {
        Path file = FlowFiles.fileFor(location.directory, flow.getName());
        if (!Files.isRegularFile(file)) {
            return "absent";
        }
        try {
            FlowDefinition local = FlowDefinitionReader.read(file);
            FlowDefinition latest = FlowDefinitionReader.fromRegistry(file, registry.latest(flow));
            return local.sameContentAs(latest) ? "same as latest" : "differs from latest";
        } catch (InvalidFlowDefinitionException e) {
            return "invalid: " + e.getMessage();
        }
    }
}
