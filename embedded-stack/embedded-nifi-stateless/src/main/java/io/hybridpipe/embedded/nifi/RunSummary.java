package io.hybridpipe.embedded.nifi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the driver reports back when it ends: how many triggers ran and failed, how many FlowFiles left
 * the output ports, why it stopped, the first failure (null when none) and the NiFi counters the flow's
 * components kept (keyed as NiFi names them, e.g. {@code "Tweets emitted"} and
 * {@code "ConsumeTwitterStream (<id>) - Tweets emitted"}).
 */
public record RunSummary(int triggers, int failedTriggers, int outputFlowFiles, String stopReason, String failure,
                         Map<String, Long> counters) {

    private static final String COUNTER_PREFIX = "counter.";

    public RunSummary {
        counters = Map.copyOf(counters);
    }

    public RunSummary(int triggers, int failedTriggers, int outputFlowFiles, String stopReason, String failure) {
        this(triggers, failedTriggers, outputFlowFiles, stopReason, failure, Map.of());
    }

    public RunSummary withCounters(Map<String, Long> flowCounters) {
        return new RunSummary(triggers, failedTriggers, outputFlowFiles, stopReason, failure, flowCounters);
    }

    public void write(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("triggers", Integer.toString(triggers));
        properties.setProperty("failed.triggers", Integer.toString(failedTriggers));
        properties.setProperty("output.flowfiles", Integer.toString(outputFlowFiles));
        properties.setProperty("stop.reason", stopReason);
        if (failure != null) {
            properties.setProperty("failure", failure);
        }
        counters.forEach((name, value) -> properties.setProperty(COUNTER_PREFIX + name, Long.toString(value)));
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            properties.store(out, null);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }

    public static RunSummary read(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, Long> counters = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(COUNTER_PREFIX)) {
                counters.put(key.substring(COUNTER_PREFIX.length()), Long.parseLong(properties.getProperty(key)));
            }
        }
        return new RunSummary(
                Integer.parseInt(properties.getProperty("triggers", "0")),
                Integer.parseInt(properties.getProperty("failed.triggers", "0")),
                Integer.parseInt(properties.getProperty("output.flowfiles", "0")),
                properties.getProperty("stop.reason", "unknown"),
                properties.getProperty("failure"),
                counters);
    }
}
