package io.hybridpipe.core.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Classifies one line of an X API v2 stream with Jackson's streaming API. Only the fields needed to route
 * the line are decoded ({@code data.id}, {@code data.created_at}, {@code matching_rules[].tag}, error fields);
 * everything else is skipped, never materialised as a tree. The line's bytes are kept unchanged in the message.
 *
 * <p>Never throws on input: anything that is not one complete JSON value becomes a {@link MalformedLine}
 * with the reason. Thread-safe.
 */
public final class StreamLineParser {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final KeepAlive KEEP_ALIVE = new KeepAlive();

    /**
     * @param buf the bytes holding the line (with or without its {@code \r\n})
     * @param off where the line starts
     * @param len its length in bytes
     */
    public StreamMessage parse(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (isBlank(buf, off, len)) {
            return KEEP_ALIVE;
        }
        byte[] raw = Arrays.copyOfRange(buf, off, off + len);
        try (JsonParser p = FACTORY.createParser(raw)) {
            return classify(p, raw);
        } catch (JsonProcessingException e) {
            return new MalformedLine(JsonErrors.describe(e), raw);
        } catch (IOException e) {
            // Reading a byte array cannot fail with plain I/O; keep the line and say what happened anyway.
            return new MalformedLine("unreadable line: " + e.getMessage(), raw);
        }
    }

    private static StreamMessage classify(JsonParser p, byte[] raw) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            p.skipChildren();
            return endOfValue(p) ? new UnknownMessage(raw) : trailing(raw);
        }
        LineScan scan = new LineScan();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "data" -> readData(p, value, scan);
                case "matching_rules" -> scan.ruleTags = readRuleTags(p, value);
                case "errors" -> readErrors(p, value, scan);
                default -> {
                    if (value.isScalarValue()) {
                        errorField(scan.topLevel, name, p);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        if (!endOfValue(p)) {
            return trailing(raw);
        }
        return scan.toMessage(raw);
    }

    /** What one pass over a line found; {@link #toMessage} decides what the line is. */
    private static final class LineScan {
        boolean hasData;
        String id;
        String createdAt;
        String dataProblem;
        List<String> ruleTags = List.of();
        ErrorFields firstError;
        boolean anyDisconnect;
        final ErrorFields topLevel = new ErrorFields();

        StreamMessage toMessage(byte[] raw) {
            if (hasData) {
                if (id != null) {
                    return new TweetMessage(id, createdAt, ruleTags, raw);
                }
                return new MalformedLine("tweet message without data.id" + (dataProblem == null ? "" : " (" + dataProblem + ")"), raw);
            }
            if (firstError == null && topLevel.looksLikeError()) {
                firstError = topLevel;
                anyDisconnect = topLevel.announcesDisconnect();
            }
            if (firstError != null) {
                return new StreamError(firstError.type(), firstError.displayTitle(), firstError.detail, anyDisconnect, raw);
            }
            return new UnknownMessage(raw);
        }
    }

    /** Reads {@code data.id} and {@code data.created_at}; skips the rest of {@code data} without decoding it. */
    private static void readData(JsonParser p, JsonToken value, LineScan scan) throws IOException {
        scan.hasData = true;
        if (value != JsonToken.START_OBJECT) {
            scan.dataProblem = "data is not an object";
            p.skipChildren();
            return;
        }
        for (JsonToken d = p.nextToken(); d == JsonToken.FIELD_NAME; d = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ("id".equals(field) && v == JsonToken.VALUE_STRING) {
                scan.id = p.getText();
            } else if ("created_at".equals(field) && v == JsonToken.VALUE_STRING) {
                scan.createdAt = p.getText();
            } else {
                p.skipChildren();
            }
        }
    }

    private static void readErrors(JsonParser p, JsonToken value, LineScan scan) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            if (e != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            ErrorFields fields = new ErrorFields();
            readErrorObject(p, fields);
            scan.anyDisconnect |= fields.announcesDisconnect();
            if (scan.firstError == null) {
                scan.firstError = fields;
            }
        }
    }

    private static List<String> readRuleTags(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<String> tags = new ArrayList<>(2);
        for (JsonToken r = p.nextToken(); r != JsonToken.END_ARRAY; r = p.nextToken()) {
            if (r != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                boolean isTag = "tag".equals(p.currentName());
                JsonToken v = p.nextToken();
                if (isTag && v == JsonToken.VALUE_STRING) {
                    tags.add(p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
        return tags;
    }

    private static void readErrorObject(JsonParser p, ErrorFields fields) throws IOException {
        for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (v.isScalarValue()) {
                errorField(fields, name, p);
            } else {
                p.skipChildren();
            }
        }
    }

    private static void errorField(ErrorFields fields, String name, JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        switch (name) {
            case "title" -> fields.title = p.getText();
            case "detail" -> fields.detail = p.getText();
            case "type" -> fields.problemType = p.getText();
            case "disconnect_type" -> fields.disconnectType = p.getText();
            case "connection_issue" -> fields.connectionIssue = p.getText();
            case "code" -> fields.code = p.getText();
            case "message" -> fields.message = p.getText();
            default -> {
                // other scalar fields of an error object carry nothing the router needs
            }
        }
    }

    private static boolean endOfValue(JsonParser p) throws IOException {
        return p.nextToken() == null;
    }

    private static MalformedLine trailing(byte[] raw) {
        return new MalformedLine("more than one JSON value on the line", raw);
    }

    private static boolean isBlank(byte[] buf, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\r' && b != '\n' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
