package io.hybridpipe.spark.warehouse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hybridpipe.core.tweet.TweetSchema;

/**
 * A canonical tweet record as one PostgreSQL {@code COPY ... (FORMAT csv)} line, columns in schema order: NULL is an
 * empty unquoted field, every string is quoted, timestamps are UTC, lists are JSON arrays (JSONB columns).
 */
final class CsvRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CsvRows() {
    }

    /** A record of the canonical schema (as written, or as read back from Parquet); fields it lacks are NULL. */
    static void append(StringBuilder out, GenericRecord r) {
        appendFields(out, r);
    }

    /** The same line with one extra text column in front (the staging table's file key). */
    static void append(StringBuilder out, String firstColumn, GenericRecord r) {
        quoted(out, firstColumn);
        out.append(',');
        appendFields(out, r);
    }

    private static void appendFields(StringBuilder out, GenericRecord r) {
        List<Schema.Field> fields = TweetSchema.avro().getFields();
        // identity first: Schema.equals walks every field, once per row
        boolean sameSchema = r.getSchema() == TweetSchema.avro() || r.getSchema().equals(TweetSchema.avro());
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Schema.Field f = fields.get(i);
            appendValue(out, f, sameSchema ? r.get(i) : (r.getSchema().getField(f.name()) == null ? null : r.get(f.name())));
        }
        out.append('\n');
    }

    private static void appendValue(StringBuilder out, Schema.Field field, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Long millis && isTimestamp(field.schema())) {
            out.append(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof List<?> list) {
            quoted(out, json(list));
        } else {
            quoted(out, value.toString());
        }
    }

    private static boolean isTimestamp(Schema schema) {
        return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    private static String json(List<?> list) {
        List<String> strings = new java.util.ArrayList<>(list.size());
        for (Object o : list) {
            strings.add(o == null ? null : o.toString()); // Avro's Utf8 when read back from Parquet
        }
        try {
            return JSON.writeValueAsString(strings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    private static void quoted(StringBuilder out, String s) {
        out.append('"');
        if (s.indexOf('"') < 0) {
            out.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                out.append('"');
            }
            out.append(ch);
        }
        out.append('"');
    }
}
