package io.hybridpipe.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowDefinitionValidationTest {
    @TempDir
    Path dir;

    @Test
    void rejectsTextThatIsNotJson() {
        assertRejected("{ \"flowContents\": { ".getBytes(StandardCharsets.UTF_8), "is not JSON at line 1");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertRejected(new byte[0], "the file is empty");
    }

    @Test
    void rejectsJsonWithoutFlowContents() throws Exception {
        ObjectNode tree = Fixtures.tree(Fixtures.SAMPLE);
        tree.remove("flowContents");
        assertRejected(Fixtures.JSON.writeValueAsBytes(tree), "no 'flowContents' object");
    }

    @Test
    void rejectsAFieldTheNiFi118ModelDoesNotKnowAndSaysWhere() throws Exception {
        ObjectNode tree = Fixtures.tree(Fixtures.SAMPLE);
        ((ObjectNode) tree.path("flowContents").path("processors").get(1)).put("executionEngine", "STATELESS");
        assertRejected(Fixtures.JSON.writeValueAsBytes(tree),
                "field flowContents.processors[1].executionEngine is not part of the NiFi 1.18 flow model");
    }

    @Test
    void rejectsAValueOfTheWrongType() throws Exception {
        ObjectNode tree = Fixtures.tree(Fixtures.SAMPLE);
        ((ObjectNode) tree.path("flowContents").path("connections").get(0)).put("backPressureObjectThreshold", "lots");
        assertRejected(Fixtures.JSON.writeValueAsBytes(tree), "value at flowContents.connections[0].backPressureObjectThreshold");
    }

    @Test
    void rejectsAConnectionToAComponentThatIsNotInTheFlow() throws Exception {
        ObjectNode tree = Fixtures.tree(Fixtures.SAMPLE);
        ArrayNode processors = (ArrayNode) tree.path("flowContents").path("processors");
        processors.remove(2);
        assertRejected(Fixtures.JSON.writeValueAsBytes(tree),
                "connection 'Kafka refused' has destination 5b7c9d1e-2f3a-3b4c-9d8e-7f6a5b4c3d2e which is not a component of this flow");
    }

    @Test
    void rejectsASensitiveParameterWithAValue() throws Exception {
        ObjectNode tree = Fixtures.tree(Fixtures.SAMPLE);
        ((ObjectNode) tree.path("parameterContexts").path("hybridpipe-ingest").path("parameters").get(0)).put("value", "AAAA-secret");
        assertRejected(Fixtures.JSON.writeValueAsBytes(tree),
                "sensitive parameter 'x.bearer.token' of parameter context 'hybridpipe-ingest' has a value");
    }

    @Test
    void rejectsASecretWrittenIntoASensitiveProperty() throws Exception {
        ObjectNode tree = Fixtures.tree(Fixtures.SAMPLE);
        ((ObjectNode) tree.path("flowContents").path("processors").get(0).path("properties")).put("Bearer Token", "AAAA-secret");
        assertRejected(Fixtures.JSON.writeValueAsBytes(tree),
                "processor 'Consume X stream' has a value in sensitive property 'Bearer Token'");
    }

    private void assertRejected(byte[] content, String reason) {
        Path file = dir.resolve("broken.json");
        assertThatThrownBy(() -> FlowDefinitionReader.parse(file, content))
                .isInstanceOf(InvalidFlowDefinitionException.class)
                .hasMessageStartingWith(file + " is not a valid NiFi flow definition: ")
                .hasMessageContaining(reason);
    }
}
