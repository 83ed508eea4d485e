package io.hybridpipe.nifi.hive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Lines that are not tweets, as NDJSON: one object per line with the 1-based line number, the reason
 * and the line as received (decoded as UTF-8), so an operator can fix and replay them.
 */
final class InvalidLines {

    private static final JsonFactory JSON = new JsonFactory();

    private final ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
    private int count;

    void add(long lineNumber, String reason, byte[] buf, int off, int len) {
        try (JsonGenerator json = JSON.createGenerator(ndjson)) {
            json.writeStartObject();
            json.writeNumberField("line_number", lineNumber);
            json.writeStringField("reason", reason);
            json.writeStringField("line", new String(buf, off, len, StandardCharsets.UTF_8));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to memory", e);
        }
        ndjson.write('\n');
        count++;
    }

    int count() {
        return count;
    }

    byte[] toNdjson() {
        return ndjson.toByteArray();
    }
}
