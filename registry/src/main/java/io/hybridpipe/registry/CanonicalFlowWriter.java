package io.hybridpipe.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.nifi.registry.flow.VersionedFlowSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The canonical form of a flow definition (see registry/README.md, "Canonical form"): the NiFi 1.18
 * flow model written with sorted keys, sets in identifier order, no nulls, no Registry bookkeeping
 * and no instance identifiers, two-space indent, LF line ends and a final newline.
 */
public final class CanonicalFlowWriter {
    /** Filled in by a Registry or by NiFi for one instance; they say nothing about the flow itself. */
    static final List<String> BOOKKEEPING_FIELDS = List.of("snapshotMetadata", "flow", "bucket", "latest");
    static final List<String> INSTANCE_FIELDS = List.of("instanceIdentifier", "instanceId");

    private static final ObjectMapper WRITER = FlowJson.canonicalWriter();
    private static final ObjectMapper READER = FlowJson.strictReader();

    private CanonicalFlowWriter() {
    }

    public static byte[] write(VersionedFlowSnapshot snapshot) {
        ObjectNode tree = WRITER.valueToTree(snapshot);
        BOOKKEEPING_FIELDS.forEach(tree::remove);
        stripInstanceFields(tree);
        try {
            String text = WRITER.writer(FlowJson.prettyPrinter()).writeValueAsString(tree);
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a flow definition held in memory", e);
        }
    }

    /** Parses canonical bytes back into the model; they were produced by {@link #write}, so they always parse. */
    static VersionedFlowSnapshot contentOf(byte[] canonical, Path source) {
        try {
            return READER.readValue(canonical, VersionedFlowSnapshot.class);
        } catch (IOException e) {
            throw new IllegalStateException("canonical form of " + source + " no longer parses", e);
        }
    }

    private static void stripInstanceFields(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            INSTANCE_FIELDS.forEach(object::remove);
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                stripInstanceFields(it.next().getValue());
            }
        } else if (node.isArray()) {
            node.forEach(CanonicalFlowWriter::stripInstanceFields);
        }
    }
}
