package io.hybridpipe.embedded.nifi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What the parent tells the driver in the engine's JVM, as a properties file. Holds no secrets:
 * parameter values travel over the child's standard input ({@link ParameterValues}).
 */
public record RunSpec(
        Path narDirectory,
        Path engineWorkingDirectory,
        Path extensionsDirectory,
        Path flowDefinition,
        Path inputDirectory,
        Path outputDirectory,
        Path summaryFile,
        Path stopFile,
        Path batchDirectory,
        TriggerPlan triggerPlan,
        Map<String, String> dataflowProperties) {

    private static final String DATAFLOW_PROPERTY_PREFIX = "dataflow.";

    public RunSpec {
        dataflowProperties = Map.copyOf(dataflowProperties);
    }

    public void write(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("nar.directory", narDirectory.toString());
        properties.setProperty("engine.working.directory", engineWorkingDirectory.toString());
        properties.setProperty("extensions.directory", extensionsDirectory.toString());
        properties.setProperty("flow.definition", flowDefinition.toString());
        properties.setProperty("input.directory", inputDirectory.toString());
        properties.setProperty("output.directory", outputDirectory.toString());
        properties.setProperty("summary.file", summaryFile.toString());
        properties.setProperty("stop.file", stopFile.toString());
        properties.setProperty("batch.directory", batchDirectory.toString());
        properties.setProperty("trigger.max", Integer.toString(triggerPlan.maxTriggers()));
        properties.setProperty("trigger.max.millis", Long.toString(triggerPlan.maxDuration().toMillis()));
        properties.setProperty("trigger.stop.when.idle", Boolean.toString(triggerPlan.stopWhenIdle()));
        properties.setProperty("trigger.drain.quiet.millis", Long.toString(triggerPlan.drainQuietPeriod().toMillis()));
        properties.setProperty("trigger.fed.in.batches", Boolean.toString(triggerPlan.fedInBatches()));
        dataflowProperties.forEach((key, value) -> properties.setProperty(DATAFLOW_PROPERTY_PREFIX + key, value));
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "NiFi Stateless run specification");
        }
    }

    public static RunSpec read(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, String> dataflowProperties = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(DATAFLOW_PROPERTY_PREFIX)) {
                dataflowProperties.put(key.substring(DATAFLOW_PROPERTY_PREFIX.length()), properties.getProperty(key));
            }
        }
        TriggerPlan plan = new TriggerPlan(
                Integer.parseInt(required(properties, "trigger.max")),
                Duration.ofMillis(Long.parseLong(required(properties, "trigger.max.millis"))),
                Boolean.parseBoolean(required(properties, "trigger.stop.when.idle")),
                Duration.ofMillis(Long.parseLong(required(properties, "trigger.drain.quiet.millis"))),
                Boolean.parseBoolean(required(properties, "trigger.fed.in.batches")));
        return new RunSpec(
                path(properties, "nar.directory"),
                path(properties, "engine.working.directory"),
                path(properties, "extensions.directory"),
                path(properties, "flow.definition"),
                path(properties, "input.directory"),
                path(properties, "output.directory"),
                path(properties, "summary.file"),
                path(properties, "stop.file"),
                path(properties, "batch.directory"),
                plan,
                dataflowProperties);
    }

    private static Path path(Properties properties, String key) {
        return Path.of(required(properties, key));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Run specification lacks '" + key + "'");
        }
        return value;
    }
}
