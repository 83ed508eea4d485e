package io.hybridpipe.spark.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

class CsvRowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listColumnsAreJsonArraysThatParseBackToTheSameStrings() throws Exception {
        List<String> tricky = Arrays.asList("plain", "say \"hi\"", "back\\slash", "line\nbreak\ttab\u0001bell", "",
                "ünïcödé 日本語 🐦", null, "\u007f");
        assertThat(roundTrip(tricky)).isEqualTo(tricky);
        // as the writer hands them over: Avro Utf8, not String
        List<Object> asUtf8 = new ArrayList<>();
        tricky.forEach(s -> asUtf8.add(s == null ? null : new Utf8(s)));
        assertThat(roundTrip(asUtf8)).isEqualTo(tricky);
    }

    @Test
    void anEmptyListIsAnEmptyArray() throws Exception {
        assertThat(csvField(List.of())).isEqualTo("\"[]\"");
        assertThat(roundTrip(List.of())).isEmpty();
    }

    @Test
    void everyQuoteInsideTheFieldIsDoubledForCsv() {
        String field = csvField(List.of("a\"b"));
        String inner = field.substring(1, field.length() - 1);
        // a CSV reader ends the field at a lone quote: every quote inside must come in pairs
        assertThat(inner.replace("\"\"", "")).doesNotContain("\"");
        assertThat(field).isEqualTo("\"[\"\"a\\\"\"b\"\"]\"");
    }

    private static String csvField(List<?> list) {
        CsvRows.Buffer out = new CsvRows.Buffer();
        out.put((byte) '"');
        CsvRows.appendJsonArray(out, list);
        out.put((byte) '"');
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /** What PostgreSQL does with the field: CSV-unquote it, then parse the JSON. */
    private static List<String> roundTrip(List<?> list) throws Exception {
        String field = csvField(list);
        String json = field.substring(1, field.length() - 1).replace("\"\"", "\"");
        return JSON.readValue(json, new TypeReference<List<String>>() { });
    }
}
