package io.hybridpipe.mirror.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.hybridpipe.mirror.Mm2Config;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code -D key=value} overrides, shared by the subcommands. */
final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "MirrorMaker 2 properties file.")
    Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Override one property of the config file (e.g. -Donprem.bootstrap.servers=host:9092).")
    Map<String, String> overrides = new LinkedHashMap<>();

    Mm2Config load() {
        return Mm2Config.load(config, overrides);
    }
}
