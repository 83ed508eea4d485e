package io.hybridpipe.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;

/** Edits a canonical sample flow file the way a user would, keeping it canonical. */
final class SampleEdits {
    private SampleEdits() {
    }

    static void changeTopic(Path file, String topic) throws Exception {
        ObjectNode tree = (ObjectNode) Fixtures.JSON.readTree(file.toFile());
        tree.path("parameterContexts").path("hybridpipe-ingest").path("parameters").forEach(p -> {
            if ("kafka.topic".equals(p.path("name").asText())) {
                ((ObjectNode) p).put("value", topic);
            }
        });
        Files.write(file, FlowDefinitionReader.parse(file, Fixtures.JSON.writeValueAsBytes(tree)).canonicalBytes());
    }
}
