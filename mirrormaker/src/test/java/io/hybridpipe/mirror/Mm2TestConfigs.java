package io.hybridpipe.mirror;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import io.hybridpipe.embedded.kafka.EmbeddedKafkaPair;

/** The checked-in configs, pointed at embedded clusters. */
final class Mm2TestConfigs {

    static final Path LOCAL = checkedIn("local.properties");
    static final Path PRODUCTION = checkedIn("onprem-to-aws.properties");

    private Mm2TestConfigs() {
    }

    /** Tests run in the module directory; exec:java (benchmarks) may run from the repository root. */
    private static Path checkedIn(String name) {
        Path inModule = Paths.get("config", name);
        return Files.exists(inModule) ? inModule : Paths.get("mirrormaker", "config", name);
    }

    static Map<String, String> bootstrapOverrides(EmbeddedKafkaPair clusters) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("onprem.bootstrap.servers", clusters.onprem().bootstrapServers());
        overrides.put("aws.bootstrap.servers", clusters.aws().bootstrapServers());
        return overrides;
    }

    /** local.properties with the embedded clusters' bootstrap servers substituted, plus extra overrides. */
    static Mm2Config local(EmbeddedKafkaPair clusters, Map<String, String> extra) {
        Map<String, String> overrides = bootstrapOverrides(clusters);
        overrides.putAll(extra);
        return Mm2Config.load(LOCAL, overrides);
    }

    /** The same as -D arguments of the command line. */
    static String[] bootstrapArgs(EmbeddedKafkaPair clusters) {
        return bootstrapOverrides(clusters).entrySet().stream()
                .map(e -> "-D" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
