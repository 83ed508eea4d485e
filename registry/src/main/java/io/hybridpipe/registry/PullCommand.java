package io.hybridpipe.registry;

import org.apache.nifi.registry.bucket.Bucket;
import org.apache.nifi.registry.flow.VersionedFlow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "pull", description = "Writes a Registry version (default: the latest) of each flow into --dir as"
        + " <flow>.json in canonical form; a file that already holds that content is left untouched.")
final class PullCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    FlowLocation location;

    @Option(names = "--version", description = "Version to pull (only with one FLOW; default: latest).")
    Integer version;

    @Parameters(arity = "0..*", paramLabel = "FLOW", description = "Flow names (default: every flow of the bucket).")
    List<String> flows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (version != null && (flows == null || flows.size() != 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--version needs exactly one FLOW");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (RegistryGateway registry = connection.connect()) {
            RegistryLookup lookup = new RegistryLookup(registry, location.bucket);
            Bucket bucket = lookup.bucket();
            List<VersionedFlow> selected = new ArrayList<>();
            if (flows == null || flows.isEmpty()) {
                selected.addAll(registry.flows(bucket));
            } else {
                for (String name : flows) {
                    selected.add(lookup.flow(bucket, FlowFiles.flowName(Path.of(name))));
                }
            }
            Files.createDirectories(location.directory);
            for (VersionedFlow flow : selected) {
                Path target = FlowFiles.fileFor(location.directory, flow.getName());
                FlowDefinition pulled = FlowDefinitionReader.fromRegistry(target,
                        version == null ? registry.latest(flow) : registry.version(flow, version));
                out.println(write(pulled, lookup.versionLabel(flow, version)));
            }
        }
        out.flush();
        return 0;
    }

    private static String write(FlowDefinition pulled, String versionLabel) throws java.io.IOException {
        Path target = pulled.source();
        byte[] bytes = pulled.canonicalBytes();
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return target + ": already holds " + versionLabel;
        }
        Path temporary = target.resolveSibling(target.getFileName() + ".pulling");
        Files.write(temporary, bytes);
        Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return target + ": wrote " + versionLabel;
    }
}
