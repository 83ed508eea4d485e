package io.hybridpipe.registry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Writes every {@link Set} of the flow model (processors, connections, parameters, selected
 * relationships ...) in a fixed order. NiFi and NiFi Registry keep these in hash sets, so the order
 * they come back in is arbitrary; Lists (prioritizers, bends, inherited parameter contexts) keep
 * their order because it means something.
 */
final class SortedSetsModule {
    private SortedSetsModule() {
    }

    static SimpleModule create() {
        SimpleModule module = new SimpleModule("hybridpipe-sorted-sets");
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription beanDesc,
                                                             List<BeanPropertyWriter> properties) {
                for (BeanPropertyWriter writer : properties) {
                    if (Set.class.isAssignableFrom(writer.getType().getRawClass())) {
                        writer.assignSerializer(new SortedSetSerializer());
                    }
                }
                return properties;
            }
        });
        return module;
    }

    /** Orders elements by identifier, then name, then their whole JSON text. */
    static final Comparator<JsonNode> ELEMENT_ORDER = Comparator
            .comparing((JsonNode n) -> n.path("identifier").asText(""))
            .thenComparing(n -> n.path("name").asText(""))
            .thenComparing(JsonNode::toString);

    private static final class SortedSetSerializer extends JsonSerializer<Object> {
        private static final ObjectMapper TREE_READER = new ObjectMapper();

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            List<JsonNode> elements = new ArrayList<>();
            for (Object element : (Set<?>) value) {
                TokenBuffer buffer = new TokenBuffer(gen.getCodec(), false);
                provider.defaultSerializeValue(element, buffer);
                try (JsonParser parser = buffer.asParser()) {
                    elements.add(TREE_READER.readTree(parser));
                }
            }
            elements.sort(ELEMENT_ORDER);
            gen.writeStartArray();
            for (JsonNode element : elements) {
                gen.writeTree(element);
            }
            gen.writeEndArray();
        }
    }
}
