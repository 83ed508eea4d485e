package io.hybridpipe.local;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the {@code hybridpipe} command line in this JVM, as {@code bin/hybridpipe} would, capturing what it prints. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = HybridPipeCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Java processes this JVM started that are still running. */
    static List<ProcessHandle> leftoverChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    @Override
    public String toString() {
        return "exit code " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
}
