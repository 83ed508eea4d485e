package io.hybridpipe.embedded.nifi;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A FlowFile as it crosses the boundary between a test and the engine's JVM: the port it goes into
 * or came out of, its content and its attributes.
 */
public record FlowFileData(String port, byte[] content, Map<String, String> attributes) {

    public FlowFileData {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(content, "content");
        attributes = Map.copyOf(attributes);
    }

    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String toString() {
        return "FlowFileData[port=" + port + ", " + content.length + " bytes, attributes=" + attributes + "]";
    }
}
