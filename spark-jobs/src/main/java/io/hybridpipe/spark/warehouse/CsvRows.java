package io.hybridpipe.spark.warehouse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

import io.hybridpipe.core.tweet.TweetSchema;

/**
 * A canonical tweet record as one PostgreSQL {@code COPY ... (FORMAT csv)} line, columns in schema order: NULL is an
 * empty unquoted field, every string is quoted, timestamps are UTC, lists are JSON arrays (JSONB columns). Lines are
 * built as UTF-8 bytes, the form COPY reads: a record's {@link Utf8} strings are copied as they are, never decoded and
 * encoded again (a quote, 0x22, never occurs inside a multi-byte UTF-8 sequence, so it is doubled byte by byte).
 */
final class CsvRows {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private CsvRows() {
    }

    /** A growable byte buffer of CSV lines, reused between chunks. */
    static final class Buffer {
        private byte[] bytes = new byte[64 * 1024];
        private int length;

        byte[] array() {
            return bytes;
        }

        int length() {
            return length;
        }

        void reset() {
            length = 0;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        void put(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        void putAscii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                bytes[length++] = (byte) s.charAt(i);
            }
        }

        void putQuoted(byte[] utf8, int len) {
            ensure(2 * len + 2);
            bytes[length++] = '"';
            for (int i = 0; i < len; i++) {
                byte b = utf8[i];
                if (b == '"') {
                    bytes[length++] = '"';
                }
                bytes[length++] = b;
            }
            bytes[length++] = '"';
        }
    }

    /** A record of the canonical schema (as written, or as read back from Parquet); fields it lacks are NULL. */
    static void append(Buffer out, GenericRecord r) {
        appendFields(out, r);
    }

    /** The same line with one extra text column in front (the staging table's file key). */
    static void append(Buffer out, String firstColumn, GenericRecord r) {
        quoted(out, firstColumn);
        out.put((byte) ',');
        appendFields(out, r);
    }

    private static void appendFields(Buffer out, GenericRecord r) {
        List<Schema.Field> fields = TweetSchema.avro().getFields();
        // identity first: Schema.equals walks every field, once per row
        boolean sameSchema = r.getSchema() == TweetSchema.avro() || r.getSchema().equals(TweetSchema.avro());
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            Schema.Field f = fields.get(i);
            appendValue(out, f, sameSchema ? r.get(i) : (r.getSchema().getField(f.name()) == null ? null : r.get(f.name())));
        }
        out.put((byte) '\n');
    }

    private static void appendValue(Buffer out, Schema.Field field, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Long millis && isTimestamp(field.schema())) {
            out.putAscii(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).toString());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.putAscii(value.toString());
        } else if (value instanceof List<?> list) {
            out.put((byte) '"');
            appendJsonArray(out, list);
            out.put((byte) '"');
        } else if (value instanceof Utf8 utf8) {
            out.putQuoted(utf8.getBytes(), utf8.getByteLength());
        } else {
            quoted(out, value.toString());
        }
    }

    private static void quoted(Buffer out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.putQuoted(utf8, utf8.length);
    }

    private static boolean isTimestamp(Schema schema) {
        return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    /**
     * A list of strings as a JSON array, written inside a quoted CSV field (so every {@code "} is doubled). Written by
     * hand rather than with Jackson: four list columns per row made an ObjectMapper call (a generator and its buffers)
     * the largest part of building the staging lines.
     */
    static void appendJsonArray(Buffer out, List<?> list) {
        out.put((byte) '[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            Object o = list.get(i);
            if (o == null) {
                out.putAscii("null");
            } else if (o instanceof Utf8 utf8) {
                appendJsonString(out, utf8.getBytes(), utf8.getByteLength());
            } else {
                byte[] bytes = o.toString().getBytes(StandardCharsets.UTF_8);
                appendJsonString(out, bytes, bytes.length);
            }
        }
        out.put((byte) ']');
    }

    /** JSON escapes {@code "}, {@code \} and control characters; other bytes, UTF-8 sequences included, pass as they are. */
    private static void appendJsonString(Buffer out, byte[] utf8, int len) {
        out.putAscii("\"\"");
        for (int i = 0; i < len; i++) {
            byte b = utf8[i];
            if (b == '"') {
                out.putAscii("\\\"\""); // \" in JSON, its quote doubled for CSV
            } else if (b == '\\') {
                out.putAscii("\\\\");
            } else if (b >= 0 && b < 0x20) {
                out.putAscii("\\u00");
                out.put(HEX[b >> 4]);
                out.put(HEX[b & 0xf]);
            } else {
                out.put(b);
            }
        }
        out.putAscii("\"\"");
    }
}
