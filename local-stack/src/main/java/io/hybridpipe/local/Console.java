package io.hybridpipe.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

/** A PrintStream over the command line's output writer, so tests that capture picocli's output see everything. */
final class Console {

    private Console() {
    }

    static PrintStream out(CommandLine.Model.CommandSpec spec) {
        PrintWriter writer = spec.commandLine().getOut();
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                writer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writer.write(new String(b, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                writer.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
