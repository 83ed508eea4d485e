package io.hybridpipe.local;

import java.io.PrintWriter;

import io.hybridpipe.embedded.x.XApiEmulatorMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hybridpipe}: the whole HybridPipe pipeline on this machine. Exit codes: 0 success (for {@code demo}: every
 * tweet verified exactly once in every stage), 1 verification failed, 2 usage or startup error.
 */
@Command(name = "hybridpipe", mixinStandardHelpOptions = true, version = "hybridpipe 0.1.0-SNAPSHOT",
        description = "The HybridPipe pipeline (X -> NiFi -> Kafka onprem -> Hive | MirrorMaker 2 -> Kafka aws -> Spark "
                + "-> S3 -> warehouse) on one machine.",
        subcommands = {DemoCommand.class, UpCommand.class, XApiEmulatorMain.class})
public final class HybridPipeCli implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_VERIFICATION_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line as the {@code hybridpipe} script would and returns its exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new HybridPipeCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        commandLine.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        commandLine.getCommandSpec().exitCodeOnExecutionException(EXIT_USAGE);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-command: demo, up or x-emulator");
    }
}
