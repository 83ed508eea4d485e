package io.hybridpipe.mirror;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.connect.mirror.MirrorClientConfig;
import org.apache.kafka.connect.mirror.MirrorMakerConfig;
import org.apache.kafka.connect.mirror.SourceAndTarget;

/**
 * A MirrorMaker 2 properties file plus command-line overrides, and what HybridPipe needs to know about it:
 * which flow it runs and the client settings of each cluster ({@code ${env:VAR}} references resolved by
 * the file's own config providers).
 */
public final class Mm2Config {

    private final Map<String, String> properties;

    private Mm2Config(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
    }

    public static Mm2Config load(Path file, Map<String, String> overrides) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read MirrorMaker 2 config " + file, e);
        }
        Map<String, String> merged = new TreeMap<>();
        props.stringPropertyNames().forEach(name -> merged.put(name, props.getProperty(name).trim()));
        merged.putAll(overrides);
        return new Mm2Config(merged);
    }

    public static Mm2Config of(Map<String, String> properties) {
        return new Mm2Config(properties);
    }

    public Map<String, String> properties() {
        return properties;
    }

    public Mm2Config with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(properties);
        merged.putAll(overrides);
        return new Mm2Config(merged);
    }

    /** The single enabled replication flow; HybridPipe runs exactly one ({@code onprem->aws}). */
    public SourceAndTarget flow() {
        // clusterPairs() also lists disabled flows that only emit heartbeats
        List<SourceAndTarget> flows = new MirrorMakerConfig(properties).clusterPairs().stream()
                .filter(pair -> Boolean.parseBoolean(properties.get(pair.source() + "->" + pair.target() + ".enabled")))
                .toList();
        if (flows.size() != 1) {
            throw new IllegalArgumentException("Expected exactly one enabled replication flow (source->target.enabled=true), found "
                    + flows);
        }
        return flows.get(0);
    }

    /** Client settings (bootstrap, security, replication policy) of one cluster alias, secrets resolved. */
    public MirrorClientConfig clientConfig(String clusterAlias) {
        return new MirrorMakerConfig(properties).clientConfig(clusterAlias);
    }

    /** The topic pattern of the flow ({@code source->target.topics}, else {@code topics}, else MM2's default). */
    public String topicsPattern(SourceAndTarget flow) {
        return properties.getOrDefault(flow.source() + "->" + flow.target() + ".topics",
                properties.getOrDefault("topics", ".*"));
    }
}
