package io.hybridpipe.registry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "normalise", aliases = "normalize", description = "Validates flow files and rewrites them in canonical"
        + " form (the form push requires and pull writes). No Registry is contacted.")
final class NormaliseCommand implements Callable<Integer> {
    @Mixin
    FlowLocation location;

    @Option(names = "--check", description = "Only report files not in canonical form (exit 1 if any); change nothing.")
    boolean check;

    @Parameters(arity = "0..*", paramLabel = "FLOW", description = "Flow names or files (default: every file of --dir).")
    List<String> flows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int notCanonical = 0;
        for (FlowDefinition definition : FlowDefinitions.readAll(location.files(flows))) {
            if (FlowDefinitions.isCanonical(definition)) {
                out.println(definition.source() + ": canonical");
            } else if (check) {
                notCanonical++;
                out.println(definition.source() + ": NOT in canonical form");
            } else {
                Files.write(definition.source(), definition.canonicalBytes());
                out.println(definition.source() + ": rewritten in canonical form");
            }
        }
        out.flush();
        return notCanonical == 0 ? 0 : FlowRegistryCli.DIFFERENT;
    }
}
