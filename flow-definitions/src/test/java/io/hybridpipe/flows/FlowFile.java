package io.hybridpipe.flows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A flow definition JSON file, read: its processors, connections and parameters. */
final class FlowFile {

    static final List<String> ALL = List.of("twitter-to-kafka.json", "kafka-to-hive.json");
    private static final Pattern PARAMETER_REFERENCE = Pattern.compile("#\\{([^}]+)}");

    record Processor(String id, String name, String type, String bundleGroup, String bundleArtifact,
                     String bundleVersion, Map<String, String> properties, Set<String> autoTerminated) {
        boolean ours() {
            return "io.hybridpipe".equals(bundleGroup);
        }
    }

    record Connection(String sourceId, String sourceName, String destinationId, String destinationName,
                      List<String> relationships) {
    }

    record Parameter(String name, boolean sensitive, String value) {
    }

    final String fileName;
    final JsonNode root;

    private FlowFile(String fileName, JsonNode root) {
        this.fileName = fileName;
        this.root = root;
    }

    /** The flow files live beside the module's POM, where NiFi users find them. */
    static FlowFile read(String fileName) throws IOException {
        Path file = Path.of(fileName);
        return new FlowFile(fileName, new ObjectMapper().readTree(Files.readString(file)));
    }

    JsonNode group() {
        return root.path("flowContents");
    }

    List<Processor> processors() {
        List<Processor> result = new ArrayList<>();
        for (JsonNode p : group().path("processors")) {
            Map<String, String> props = new LinkedHashMap<>();
            p.path("properties").fields().forEachRemaining(e -> props.put(e.getKey(),
                    e.getValue().isNull() ? null : e.getValue().asText()));
            Set<String> autoTerminated = new LinkedHashSet<>();
            p.path("autoTerminatedRelationships").forEach(r -> autoTerminated.add(r.asText()));
            JsonNode bundle = p.path("bundle");
            result.add(new Processor(p.path("identifier").asText(), p.path("name").asText(), p.path("type").asText(),
                    bundle.path("group").asText(), bundle.path("artifact").asText(), bundle.path("version").asText(),
                    props, autoTerminated));
        }
        return result;
    }

    List<Connection> connections() {
        List<Connection> result = new ArrayList<>();
        for (JsonNode c : group().path("connections")) {
            List<String> rels = new ArrayList<>();
            c.path("selectedRelationships").forEach(r -> rels.add(r.asText()));
            result.add(new Connection(c.path("source").path("id").asText(), c.path("source").path("name").asText(),
                    c.path("destination").path("id").asText(), c.path("destination").path("name").asText(), rels));
        }
        return result;
    }

    /** Parameters of the parameter context the process group names. */
    Map<String, Parameter> parameters() {
        String contextName = group().path("parameterContextName").asText();
        Map<String, Parameter> result = new LinkedHashMap<>();
        for (JsonNode p : root.path("parameterContexts").path(contextName).path("parameters")) {
            JsonNode value = p.get("value");
            result.put(p.path("name").asText(), new Parameter(p.path("name").asText(), p.path("sensitive").asBoolean(),
                    value == null || value.isNull() ? null : value.asText()));
        }
        return result;
    }

    static Set<String> referencedParameters(String propertyValue) {
        Set<String> names = new LinkedHashSet<>();
        if (propertyValue != null) {
            Matcher m = PARAMETER_REFERENCE.matcher(propertyValue);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    static boolean isOnlyAParameterReference(String propertyValue) {
        return propertyValue != null && propertyValue.matches("#\\{[^}]+}");
    }
}
