package io.hybridpipe.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.nifi.registry.flow.VersionedFlowSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalFormTest {
    @TempDir
    Path dir;

    @Test
    void canonicalFormIsAFixedPointOfNormalisation() throws Exception {
        FlowDefinition once = FlowDefinitionReader.parse(dir.resolve("a.json"), Fixtures.bytes(Fixtures.SAMPLE));
        FlowDefinition twice = FlowDefinitionReader.parse(dir.resolve("a.json"), once.canonicalBytes());

        assertThat(twice.canonicalBytes()).isEqualTo(once.canonicalBytes());
        assertThat(once.canonicalBytes()).isNotEqualTo(Fixtures.bytes(Fixtures.SAMPLE));
    }

    @Test
    void aNullFieldNormalisesLikeAnAbsentOne() throws Exception {
        ObjectNode withNulls = Fixtures.tree(Fixtures.SAMPLE);
        ((ObjectNode) withNulls.path("flowContents")).putNull("labels");
        ((ObjectNode) withNulls.path("flowContents").path("processors").get(0)).putNull("comments");
        ObjectNode absent = Fixtures.tree(Fixtures.SAMPLE);
        ((ObjectNode) absent.path("flowContents")).remove("labels");
        ((ObjectNode) absent.path("flowContents").path("processors").get(0)).remove("comments");

        byte[] fromNulls = FlowDefinitionReader.parse(dir.resolve("a.json"), Fixtures.JSON.writeValueAsBytes(withNulls)).canonicalBytes();
        byte[] fromAbsent = FlowDefinitionReader.parse(dir.resolve("a.json"), Fixtures.JSON.writeValueAsBytes(absent)).canonicalBytes();

        assertThat(fromNulls).isEqualTo(fromAbsent);
        assertThat(FlowDefinitionReader.parse(dir.resolve("a.json"), fromNulls).canonicalBytes()).isEqualTo(fromNulls);
    }

    @Test
    void componentOrderAndKeyOrderDoNotChangeTheCanonicalForm() throws Exception {
        ObjectNode shuffled = Fixtures.tree(Fixtures.SAMPLE);
        reverse((ArrayNode) shuffled.path("flowContents").path("processors"));
        reverse((ArrayNode) shuffled.path("flowContents").path("connections"));
        reverse((ArrayNode) shuffled.path("parameterContexts").path("hybridpipe-ingest").path("parameters"));
        ObjectNode reordered = reverseKeys(shuffled);

        byte[] original = FlowDefinitionReader.parse(dir.resolve("a.json"), Fixtures.bytes(Fixtures.SAMPLE)).canonicalBytes();
        byte[] fromShuffled = FlowDefinitionReader.parse(dir.resolve("a.json"),
                Fixtures.JSON.writeValueAsBytes(reordered)).canonicalBytes();

        assertThat(new String(fromShuffled, StandardCharsets.UTF_8)).isEqualTo(new String(original, StandardCharsets.UTF_8));
    }

    @Test
    void canonicalFormDropsInstanceAndRegistryBookkeepingButKeepsTheFlow() throws Exception {
        ObjectNode withBookkeeping = Fixtures.tree(Fixtures.SAMPLE);
        withBookkeeping.putObject("snapshotMetadata").put("version", 7).put("author", "someone").put("timestamp", 1L);
        withBookkeeping.put("latest", true);
        String canonical = new String(FlowDefinitionReader.parse(dir.resolve("a.json"),
                Fixtures.JSON.writeValueAsBytes(withBookkeeping)).canonicalBytes(), StandardCharsets.UTF_8);
        JsonNode tree = Fixtures.JSON.readTree(canonical);

        assertThat(canonical).doesNotContain("instanceIdentifier", "snapshotMetadata", "\"latest\"", "\r");
        assertThat(canonical).endsWith("}\n").contains("\"flowContents\": {");
        assertThat(tree.path("flowContents").path("processors")).hasSize(3);
        assertThat(tree.path("flowContents").path("connections")).hasSize(2);
        assertThat(tree.path("parameterContexts").path("hybridpipe-ingest").path("parameters")).hasSize(5);
        assertThat(tree.path("flowContents").path("processors").get(0).path("position").path("x").asDouble()).isNotZero();
    }

    @Test
    void keysAreSortedAndSetsFollowIdentifierOrderWhileListsKeepTheirOrder() throws Exception {
        ObjectNode tree = Fixtures.tree(Fixtures.SAMPLE);
        ArrayNode prioritizers = (ArrayNode) tree.path("flowContents").path("connections").get(0).path("prioritizers");
        prioritizers.removeAll();
        prioritizers.add("org.apache.nifi.prioritizer.PriorityAttributePrioritizer").add("org.apache.nifi.prioritizer.FirstInFirstOutPrioritizer");
        JsonNode canonical = Fixtures.JSON.readTree(FlowDefinitionReader.parse(dir.resolve("a.json"),
                Fixtures.JSON.writeValueAsBytes(tree)).canonicalBytes());

        List<String> topKeys = new ArrayList<>();
        canonical.fieldNames().forEachRemaining(topKeys::add);
        assertThat(topKeys).isSorted();
        List<String> processorIds = new ArrayList<>();
        canonical.path("flowContents").path("processors").forEach(p -> processorIds.add(p.path("identifier").asText()));
        assertThat(processorIds).isSorted().hasSize(3);
        JsonNode connection = findByIdentifier(canonical.path("flowContents").path("connections"), "9d8c7b6a-5f4e-3d2c-1b0a-a1b2c3d4e5f6");
        assertThat(connection.path("prioritizers").get(0).asText()).isEqualTo("org.apache.nifi.prioritizer.PriorityAttributePrioritizer");
    }

    @Test
    void canonicalFormReadsBackStrictlyIntoTheNiFi118FlowModel() throws Exception {
        FlowDefinition definition = FlowDefinitionReader.parse(dir.resolve("a.json"), Fixtures.bytes(Fixtures.SAMPLE));
        VersionedFlowSnapshot model = FlowJson.strictReader().readValue(definition.canonicalBytes(), VersionedFlowSnapshot.class);

        assertThat(model.getFlowContents().getName()).isEqualTo("tweets-sample");
        assertThat(model.getFlowContents().getProcessors()).extracting(p -> p.getType()).contains(
                "org.apache.nifi.processors.kafka.pubsub.PublishKafka_2_6", "io.hybridpipe.nifi.twitter.ConsumeTwitterStream");
        assertThat(model.getFlowContents().getParameterContextName()).isEqualTo("hybridpipe-ingest");
        assertThat(model.getParameterContexts().get("hybridpipe-ingest").getParameters())
                .anySatisfy(p -> assertThat(p.isSensitive() && p.getValue() == null && p.getName().equals("x.bearer.token")).isTrue());
        assertThat(model.getFlowEncodingVersion()).isEqualTo("1.0");
    }

    private static JsonNode findByIdentifier(JsonNode array, String id) {
        for (JsonNode element : array) {
            if (id.equals(element.path("identifier").asText())) {
                return element;
            }
        }
        throw new AssertionError("no component " + id);
    }

    private static void reverse(ArrayNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        Collections.reverse(elements);
        array.removeAll();
        array.addAll(elements);
    }

    private static ObjectNode reverseKeys(ObjectNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        Collections.reverse(keys);
        ObjectNode copy = Fixtures.JSON.createObjectNode();
        for (String key : keys) {
            JsonNode value = node.get(key);
            copy.set(key, value.isObject() ? reverseKeys((ObjectNode) value) : value);
        }
        for (Iterator<JsonNode> it = copy.elements(); it.hasNext(); ) {
            JsonNode value = it.next();
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isObject()) {
                        ((ArrayNode) value).set(i, reverseKeys((ObjectNode) value.get(i)));
                    }
                }
            }
        }
        return copy;
    }
}
