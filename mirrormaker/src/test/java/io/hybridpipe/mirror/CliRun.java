package io.hybridpipe.mirror;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.hybridpipe.mirror.cli.Mm2Cli;
import picocli.CommandLine;

/** One in-process invocation of the hybridpipe-mm2 command line: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Mm2Cli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
