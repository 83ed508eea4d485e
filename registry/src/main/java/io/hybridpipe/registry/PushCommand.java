package io.hybridpipe.registry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "push", description = "Adds each flow file as a new version of its flow (bucket and flow are created when"
        + " missing), but only when its canonical content differs from the latest version. Files must be in canonical form"
        + " (see 'normalise'), so that a later pull changes no byte.")
final class PushCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    FlowLocation location;

    @Option(names = "--comment", description = "Version comment (default: the last git commit of the file).")
    String comment;

    @Parameters(arity = "0..*", paramLabel = "FLOW", description = "Flow names or files (default: every file of --dir).")
    List<String> flows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<FlowDefinition> definitions = FlowDefinitions.readAll(location.files(flows));
        List<String> notCanonical = new ArrayList<>();
        for (FlowDefinition definition : definitions) {
            if (!FlowDefinitions.isCanonical(definition)) {
                notCanonical.add(definition.source().toString());
            }
        }
        if (!notCanonical.isEmpty()) {
            throw new InvalidFlowDefinitionException("not in canonical form, so a pull would rewrite them: " + String.join(", ", notCanonical) + ". Run 'flow-registry normalise --dir "
                    + location.directory + "', commit, then push.");
        }
        try (RegistryGateway registry = connection.connect()) {
            FlowPusher pusher = new FlowPusher(registry, location.bucket);
            for (FlowDefinition definition : definitions) {
                FlowPusher.PushPlan plan = pusher.plan(definition);
                String versionComment = plan.unchanged() ? null : commentFor(definition);
                spec.commandLine().getOut().println(pusher.apply(plan, versionComment));
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String commentFor(FlowDefinition definition) throws IOException {
        return comment != null ? comment : GitCommitComment.forFile(definition.source());
    }
}
