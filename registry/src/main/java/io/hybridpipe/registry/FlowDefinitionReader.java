package io.hybridpipe.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.nifi.registry.flow.VersionedFlowSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a flow definition in the format of NiFi's "Download flow definition" (top-level
 * {@code flowContents}, {@code parameterContexts}, {@code flowEncodingVersion} ...), checks it
 * against the NiFi 1.18 flow model and HybridPipe's rules, and gives its canonical form.
 */
public final class FlowDefinitionReader {
    private static final ObjectMapper STRICT = FlowJson.strictReader();

    private FlowDefinitionReader() {
    }

    public static FlowDefinition read(Path file) throws IOException, InvalidFlowDefinitionException {
        return parse(file, Files.readAllBytes(file));
    }

    public static FlowDefinition parse(Path source, byte[] bytes) throws InvalidFlowDefinitionException {
        JsonNode tree = parseJson(source, bytes);
        if (!tree.isObject()) {
            throw new InvalidFlowDefinitionException(source, "the top level is not a JSON object");
        }
        if (!tree.path("flowContents").isObject()) {
            throw new InvalidFlowDefinitionException(source, "it has no 'flowContents' object"
                    + " (expected the format of NiFi's 'Download flow definition')");
        }
        // Registry bookkeeping is no part of a flow (and 1.18's model cannot even read "latest").
        CanonicalFlowWriter.BOOKKEEPING_FIELDS.forEach(((ObjectNode) tree)::remove);
        // NiFi writes no nulls: a null field means the same as an absent one, and must normalise the same way.
        removeNullFields(tree);
        VersionedFlowSnapshot snapshot = toModel(source, tree);
        FlowRules.check(source, snapshot);
        return new FlowDefinition(source, CanonicalFlowWriter.write(snapshot));
    }

    /** The canonical form of a snapshot that came from a Registry. */
    public static FlowDefinition fromRegistry(Path target, VersionedFlowSnapshot snapshot) {
        return new FlowDefinition(target, CanonicalFlowWriter.write(snapshot));
    }

    private static JsonNode parseJson(Path source, byte[] bytes) throws InvalidFlowDefinitionException {
        try {
            JsonNode tree = STRICT.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidFlowDefinitionException(source, "the file is empty");
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidFlowDefinitionException(source, "it is not JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidFlowDefinitionException(source, "it cannot be parsed: " + e.getMessage(), e);
        }
    }

    private static VersionedFlowSnapshot toModel(Path source, JsonNode tree) throws InvalidFlowDefinitionException {
        try {
            return STRICT.treeToValue(tree, VersionedFlowSnapshot.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidFlowDefinitionException(source, "field " + pathOf(e) + " is not part of the NiFi 1.18 flow model (flows must import into NiFi 1.18 - 1.28)", e);
        } catch (JsonMappingException e) {
            throw new InvalidFlowDefinitionException(source, "value at " + pathOf(e) + " does not fit the NiFi 1.18 flow model: "
                    + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidFlowDefinitionException(source, e.getOriginalMessage(), e);
        }
    }

    private static void removeNullFields(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                JsonNode value = it.next().getValue();
                if (value.isNull()) {
                    it.remove();
                } else {
                    removeNullFields(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(FlowDefinitionReader::removeNullFields);
        }
    }

    /** A readable JSON path such as {@code flowContents.processors[2].properties}. */
    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the top level" : path.toString();
    }
}
