package io.hybridpipe.embedded.nifi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;

/**
 * Edits a flow definition so that a test can run it in NiFi Stateless: a processor that talks to a system
 * the test does not run (ConsumeKafka, PublishKafka) is replaced by an input or output port of the root
 * process group, through which the test feeds or collects FlowFiles. Works on the JSON of NiFi's
 * "Download flow definition"; only processors of the root group can be replaced.
 */
public final class FlowDefinitionEditor {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode definition;
    private final ObjectNode root;

    private FlowDefinitionEditor(ObjectNode definition) {
        this.definition = definition;
        JsonNode contents = definition.path("flowContents");
        if (!contents.isObject()) {
            throw new IllegalArgumentException("Not a flow definition: no 'flowContents' object");
        }
        this.root = (ObjectNode) contents;
    }

    public static FlowDefinitionEditor read(Path flowDefinition) throws IOException {
        JsonNode tree = JSON.readTree(flowDefinition.toFile());
        if (!tree.isObject()) {
            throw new IllegalArgumentException(flowDefinition + " does not hold a JSON object");
        }
        return new FlowDefinitionEditor((ObjectNode) tree);
    }

    /**
     * Replaces a source processor by an input port: the processor's connections that carry
     * {@code relationship} now start at the port; its other outgoing connections are removed.
     */
    public FlowDefinitionEditor replaceWithInputPort(String processorName, String portName, String relationship) {
        ObjectNode processor = rootProcessor(processorName);
        String processorId = processor.path("identifier").asText();
        for (JsonNode connection : array(root, "connections")) {
            if (connection.path("destination").path("id").asText().equals(processorId)) {
                throw new IllegalArgumentException("Processor '" + processorName + "' has incoming connections; only a"
                        + " source processor can become an input port");
            }
        }
        ObjectNode port = newPort(processor, portName, "INPUT_PORT");
        array(root, "inputPorts").add(port);
        Iterator<JsonNode> connections = array(root, "connections").elements();
        while (connections.hasNext()) {
            ObjectNode connection = (ObjectNode) connections.next();
            if (!connection.path("source").path("id").asText().equals(processorId)) {
                continue;
            }
            if (carries(connection, relationship)) {
                connection.set("source", endpoint(port));
                connection.putArray("selectedRelationships");
            } else {
                connections.remove();
            }
        }
        removeProcessor(processorId);
        return this;
    }

    /**
     * Replaces a sink processor by an output port: connections into the processor now end at the port;
     * the processor's own outgoing connections (its success and failure routes) are removed.
     */
    public FlowDefinitionEditor replaceWithOutputPort(String processorName, String portName) {
        ObjectNode processor = rootProcessor(processorName);
        String processorId = processor.path("identifier").asText();
        ObjectNode port = newPort(processor, portName, "OUTPUT_PORT");
        array(root, "outputPorts").add(port);
        Iterator<JsonNode> connections = array(root, "connections").elements();
        while (connections.hasNext()) {
            ObjectNode connection = (ObjectNode) connections.next();
            if (connection.path("source").path("id").asText().equals(processorId)) {
                connections.remove();
            } else if (connection.path("destination").path("id").asText().equals(processorId)) {
                connection.set("destination", endpoint(port));
            }
        }
        removeProcessor(processorId);
        return this;
    }

    /** Removes root-group controller services no remaining component refers to (e.g. a replaced processor's record reader). */
    public FlowDefinitionEditor removeUnreferencedControllerServices() {
        boolean removed = true;
        while (removed) {
            removed = false;
            Set<String> referenced = referencedValues();
            Iterator<JsonNode> services = array(root, "controllerServices").elements();
            while (services.hasNext()) {
                if (!referenced.contains(services.next().path("identifier").asText())) {
                    services.remove();
                    removed = true;
                }
            }
        }
        return this;
    }

    public void write(Path target) throws IOException {
        JSON.writeValue(target.toFile(), definition);
    }

    public String toJson() throws IOException {
        return new String(JSON.writeValueAsBytes(definition), StandardCharsets.UTF_8);
    }

    private ObjectNode rootProcessor(String name) {
        ObjectNode found = null;
        for (JsonNode processor : array(root, "processors")) {
            if (processor.path("name").asText().equals(name)) {
                if (found != null) {
                    throw new IllegalArgumentException("More than one processor of the root group is named '" + name + "'");
                }
                found = (ObjectNode) processor;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("The root group has no processor named '" + name + "'");
        }
        return found;
    }

    private ObjectNode newPort(ObjectNode replaced, String portName, String type) {
        for (String ports : new String[] {"inputPorts", "outputPorts"}) {
            for (JsonNode port : array(root, ports)) {
                if (port.path("name").asText().equals(portName)) {
                    throw new IllegalArgumentException("The root group already has a port named '" + portName + "'");
                }
            }
        }
        ObjectNode port = JSON.createObjectNode();
        String seed = root.path("identifier").asText() + "/" + type + "/" + portName;
        port.put("identifier", UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString());
        port.put("name", portName);
        port.set("position", replaced.path("position").deepCopy());
        port.put("type", type);
        port.put("concurrentlySchedulableTaskCount", 1);
        port.put("scheduledState", "ENABLED");
        port.put("allowRemoteAccess", false);
        port.put("componentType", type);
        port.put("groupIdentifier", root.path("identifier").asText());
        return port;
    }

    private static ObjectNode endpoint(ObjectNode component) {
        ObjectNode endpoint = JSON.createObjectNode();
        endpoint.put("id", component.path("identifier").asText());
        endpoint.put("type", component.path("componentType").asText());
        endpoint.put("groupId", component.path("groupIdentifier").asText());
        endpoint.put("name", component.path("name").asText());
        return endpoint;
    }

    private static boolean carries(JsonNode connection, String relationship) {
        for (JsonNode selected : connection.path("selectedRelationships")) {
            if (selected.asText().equals(relationship)) {
                return true;
            }
        }
        return false;
    }

    private void removeProcessor(String processorId) {
        Iterator<JsonNode> processors = array(root, "processors").elements();
        while (processors.hasNext()) {
            if (processors.next().path("identifier").asText().equals(processorId)) {
                processors.remove();
            }
        }
    }

    /** Every property value in the whole flow: a controller service is referenced by its identifier. */
    private Set<String> referencedValues() {
        Set<String> values = new HashSet<>();
        collectPropertyValues(root, values);
        return values;
    }

    private static void collectPropertyValues(JsonNode group, Set<String> values) {
        for (String components : new String[] {"processors", "controllerServices"}) {
            for (JsonNode component : group.path(components)) {
                component.path("properties").forEach(value -> values.add(value.asText()));
            }
        }
        for (JsonNode child : group.path("processGroups")) {
            collectPropertyValues(child, values);
        }
    }

    private static ArrayNode array(ObjectNode parent, String field) {
        JsonNode node = parent.path(field);
        if (node.isArray()) {
            return (ArrayNode) node;
        }
        return parent.putArray(field);
    }
}
