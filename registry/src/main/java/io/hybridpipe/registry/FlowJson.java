package io.hybridpipe.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/** The Jackson set-up shared by reading, normalising and diffing flow definitions. */
final class FlowJson {
    private FlowJson() {
    }

    /** Strict reader: a field the NiFi 1.18 flow model does not know is an error, never silently dropped. */
    static ObjectMapper strictReader() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
    }

    /** Writer of the canonical form: properties and map keys sorted, nulls left out. */
    static ObjectMapper canonicalWriter() {
        return JsonMapper.builder()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .addModule(SortedSetsModule.create())
                .build();
    }

    /** Two-space indent, LF line ends whatever the platform, and {@code "key": value} spacing. */
    static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new ColonSpacePrettyPrinter();
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    private static final class ColonSpacePrettyPrinter extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        ColonSpacePrettyPrinter() {
            _objectFieldValueSeparatorWithSpaces = ": ";
        }

        private ColonSpacePrettyPrinter(ColonSpacePrettyPrinter base) {
            super(base);
            _objectFieldValueSeparatorWithSpaces = ": ";
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new ColonSpacePrettyPrinter(this);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }
    }
}
