package io.hybridpipe.local;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Options shared by {@code demo} and {@code up}. */
final class StackOptions {

    @Option(names = "--rate", description = "Tweets per second the X emulator emits. Default: ${DEFAULT-VALUE}.")
    double rate = 500;

    @Option(names = "--seed", description = "Seed of the X emulator's tweet generator. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = "--work-dir", description = "Where the engines keep their data (emptied first). Default: ${DEFAULT-VALUE}.")
    Path workDir = Path.of("target", "hybridpipe-work");
}
