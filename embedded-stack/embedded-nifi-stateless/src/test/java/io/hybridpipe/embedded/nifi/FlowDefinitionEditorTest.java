package io.hybridpipe.embedded.nifi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Swapping processors for ports, checked on the JSON (StatelessFlowRunnerTest runs an edited flow in the engine). */
class FlowDefinitionEditorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void onlyTheNamedRelationshipOfTheReplacedSourceIsKept() throws Exception {
        JsonNode edited = JSON.readTree(FlowDefinitionEditor.read(write(flowWithServices()))
                .replaceWithInputPort("Consume", "in", "success")
                .toJson());

        JsonNode contents = edited.path("flowContents");
        assertThat(contents.path("processors")).extracting(p -> p.path("name").asText()).containsExactly("Sink");
        assertThat(contents.path("inputPorts")).extracting(p -> p.path("name").asText()).containsExactly("in");
        assertThat(contents.path("connections")).hasSize(1);
        JsonNode connection = contents.path("connections").get(0);
        assertThat(connection.path("source").path("type").asText()).isEqualTo("INPUT_PORT");
        assertThat(connection.path("source").path("name").asText()).isEqualTo("in");
        assertThat(connection.path("selectedRelationships")).isEmpty();
    }

    @Test
    void servicesLeftWithoutUsersAreRemovedAlsoWhenOnlyAnotherUnusedServiceReferredToThem() throws Exception {
        JsonNode edited = JSON.readTree(FlowDefinitionEditor.read(write(flowWithServices()))
                .replaceWithInputPort("Consume", "in", "success")
                .removeUnreferencedControllerServices()
                .toJson());

        assertThat(edited.path("flowContents").path("controllerServices"))
                .extracting(s -> s.path("identifier").asText()).containsExactly("svc-used-by-sink");
    }

    @Test
    void aProcessorWithIncomingConnectionsCannotBecomeAnInputPort() throws Exception {
        FlowDefinitionEditor editor = FlowDefinitionEditor.read(write(flowWithServices()));
        assertThatThrownBy(() -> editor.replaceWithInputPort("Sink", "in", "success"))
                .hasMessageContaining("incoming connections");
    }

    @Test
    void anUnknownProcessorNameIsAClearError() throws Exception {
        FlowDefinitionEditor editor = FlowDefinitionEditor.read(flow("generate-to-putfile.json"));
        assertThatThrownBy(() -> editor.replaceWithOutputPort("PublishKafka", "out"))
                .hasMessageContaining("no processor named 'PublishKafka'");
    }

    private Path write(String json) throws Exception {
        Path file = Files.createTempFile(directory, "flow", ".json");
        Files.writeString(file, json);
        return file;
    }

    private static Path flow(String name) throws Exception {
        return Path.of(FlowDefinitionEditorTest.class.getResource("/flows/" + name).toURI());
    }

    /** Consume --success--> Sink, Consume --parse.failure--> Sink; Consume uses a reader that uses a schema service. */
    private static String flowWithServices() {
        return """
                {"flowContents": {"identifier": "root", "name": "root",
                  "processors": [
                    {"identifier": "p-consume", "name": "Consume", "componentType": "PROCESSOR", "groupIdentifier": "root",
                     "position": {"x": 0, "y": 0}, "properties": {"record-reader": "svc-reader"}},
                    {"identifier": "p-sink", "name": "Sink", "componentType": "PROCESSOR", "groupIdentifier": "root",
                     "position": {"x": 0, "y": 200}, "properties": {"writer": "svc-used-by-sink"}}],
                  "inputPorts": [], "outputPorts": [],
                  "connections": [
                    {"identifier": "c1", "source": {"id": "p-consume", "type": "PROCESSOR", "groupId": "root", "name": "Consume"},
                     "destination": {"id": "p-sink", "type": "PROCESSOR", "groupId": "root", "name": "Sink"},
                     "selectedRelationships": ["success"]},
                    {"identifier": "c2", "source": {"id": "p-consume", "type": "PROCESSOR", "groupId": "root", "name": "Consume"},
                     "destination": {"id": "p-sink", "type": "PROCESSOR", "groupId": "root", "name": "Sink"},
                     "selectedRelationships": ["parse.failure"]}],
                  "controllerServices": [
                    {"identifier": "svc-reader", "properties": {"schema-registry": "svc-schema"}},
                    {"identifier": "svc-schema", "properties": {}},
                    {"identifier": "svc-used-by-sink", "properties": {}}],
                  "processGroups": []}}
                """;
    }
}
