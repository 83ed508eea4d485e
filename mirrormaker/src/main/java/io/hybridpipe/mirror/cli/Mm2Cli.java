package io.hybridpipe.mirror.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hybridpipe-mm2}: runs MirrorMaker 2 for HybridPipe and proves its copy complete. */
@Command(name = "hybridpipe-mm2", mixinStandardHelpOptions = true, versionProvider = Mm2Cli.Version.class,
        description = "MirrorMaker 2 launcher (run) and replication checker (mirror-check) for HybridPipe.",
        subcommands = {RunCommand.class, MirrorCheckCommand.class, CommandLine.HelpCommand.class})
public final class Mm2Cli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Mm2Cli());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Mm2Cli.class.getPackage().getImplementationVersion();
            return new String[] {"hybridpipe-mm2 " + (version == null ? "(development build)" : version)
                    + ", Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion()};
        }
    }
}
