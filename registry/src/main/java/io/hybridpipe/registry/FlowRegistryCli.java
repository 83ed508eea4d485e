package io.hybridpipe.registry;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/** {@code flow-registry}: keeps the flows of flow-definitions/ in a NiFi Registry bucket. */
@Command(name = "flow-registry", mixinStandardHelpOptions = true, version = "flow-registry (HybridPipe)",
        description = "Pushes HybridPipe's NiFi flow definitions to a NiFi Registry bucket as versions, pulls them back"
                + " byte for byte, and shows how a local file differs from a Registry version.",
        subcommands = {ListCommand.class, PushCommand.class, PullCommand.class, DiffCommand.class, NormaliseCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (diff: no difference)",
            "1:diff found differences / normalise --check found files not in canonical form",
            "2:invalid command line",
            "3:a file is not a valid flow definition",
            "4:the Registry refused (401, 403, 404, 409 ...)",
            "5:I/O or connection failure"})
public final class FlowRegistryCli {
    static final int DIFFERENT = 1;
    static final int INVALID_FLOW = 3;
    static final int REGISTRY_REFUSED = 4;
    static final int IO_FAILURE = 5;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** A command line whose Registry connections read secrets from {@code environment}. */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ConnectionOptions.class ? type.cast(new ConnectionOptions(environment)) : defaults.create(type);
            }
        };
        CommandLine cli = new CommandLine(new FlowRegistryCli(), factory);
        cli.setExecutionExceptionHandler(FlowRegistryCli::handle);
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        err.println("flow-registry " + cli.getCommandName() + ": " + e.getMessage());
        err.flush();
        if (e instanceof InvalidFlowDefinitionException) {
            return INVALID_FLOW;
        }
        if (e instanceof RegistryFailure) {
            return ((RegistryFailure) e).status() > 0 ? REGISTRY_REFUSED : IO_FAILURE;
        }
        if (e instanceof IOException) {
            return IO_FAILURE;
        }
        throw new IllegalStateException("unexpected failure in flow-registry " + cli.getCommandName(), e);
    }
}
