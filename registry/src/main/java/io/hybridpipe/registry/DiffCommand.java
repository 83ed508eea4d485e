package io.hybridpipe.registry;

import org.apache.nifi.registry.flow.VersionedFlow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "diff", description = "Shows how the local flow file differs from a Registry version (default: latest),"
        + " one line per changed value: '+' only local, '-' only in the Registry, '~' changed. Exit 1 when they differ.")
final class DiffCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    FlowLocation location;

    @Option(names = "--version", description = "Registry version to compare with (default: latest).")
    Integer version;

    @Parameters(index = "0", paramLabel = "FLOW", description = "Flow name or file.")
    String flow;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FlowDefinition local = FlowDefinitions.readAll(location.files(List.of(flow))).get(0);
        PrintWriter out = spec.commandLine().getOut();
        try (RegistryGateway registry = connection.connect()) {
            RegistryLookup lookup = new RegistryLookup(registry, location.bucket);
            VersionedFlow registered = lookup.flow(lookup.bucket(), local.flowName());
            Path source = local.source();
            FlowDefinition remote = FlowDefinitionReader.fromRegistry(source,
                    version == null ? registry.latest(registered) : registry.version(registered, version));
            List<String> lines = FlowDiff.between(remote, local);
            String label = lookup.versionLabel(registered, version);
            if (lines.isEmpty()) {
                out.println(source + ": same content as " + label);
                out.flush();
                return 0;
            }
            out.println("--- " + label);
            out.println("+++ " + source);
            lines.forEach(out::println);
            out.flush();
            return FlowRegistryCli.DIFFERENT;
        }
    }
}
