package io.hybridpipe.core.tweet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Walking a Jackson token stream with the type checks the normaliser needs; every mismatch is an
 * {@link InvalidTweetException} naming the JSON path. JSON {@code null} counts as absent.
 */
final class JsonWalk {
    private JsonWalk() {
    }

    /** Handles one field; the parser is at its value, which the handler must consume (read or skip). */
    @FunctionalInterface
    interface FieldHandler {
        void field(String name, JsonToken value) throws IOException, InvalidTweetException;
    }

    /** Calls {@code handler} for each field of the object whose {@code START_OBJECT} was just read. */
    static void fields(JsonParser p, FieldHandler handler) throws IOException, InvalidTweetException {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            handler.field(name, p.nextToken());
        }
    }

    /** For an object value (or null) at {@code path}: calls {@code handler} for each of its fields. */
    static void object(JsonParser p, JsonToken value, String path, FieldHandler handler) throws IOException, InvalidTweetException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        expect(value, JsonToken.START_OBJECT, path);
        fields(p, handler);
    }

    /** Handles one element of an array of objects; the parser is at the element's {@code START_OBJECT}. */
    @FunctionalInterface
    interface ObjectHandler {
        void object() throws IOException, InvalidTweetException;
    }

    /** For an array value (or null) at {@code path} whose elements must be objects: calls {@code handler} for each. */
    static void objects(JsonParser p, JsonToken value, String path, ObjectHandler handler) throws IOException, InvalidTweetException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        expect(value, JsonToken.START_ARRAY, path);
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            if (e != JsonToken.START_OBJECT) { // the path is built only for the message: this runs per element
                throw new InvalidTweetException(path + "[] is not an object");
            }
            handler.object();
        }
    }

    static String string(JsonParser p, JsonToken v, String path) throws IOException, InvalidTweetException {
        if (v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new InvalidTweetException(path + " is not a string");
    }

    /** {@link #string(JsonParser, JsonToken, String)} for the field {@code name} of an array element. */
    static String elementString(JsonParser p, JsonToken v, String arrayPath, String name) throws IOException, InvalidTweetException {
        if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NULL) {
            return v == JsonToken.VALUE_NULL ? null : p.getText();
        }
        throw new InvalidTweetException(arrayPath + "[]." + name + " is not a string");
    }

    static Long count(JsonParser p, JsonToken v, String path) throws IOException, InvalidTweetException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            try {
                return p.getLongValue();
            } catch (JsonProcessingException e) {
                throw new InvalidTweetException(path + " does not fit in 64 bits", e);
            }
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new InvalidTweetException(path + " is not an integer");
    }

    static void expect(JsonToken actual, JsonToken expected, String path) throws InvalidTweetException {
        if (actual != expected) {
            String what = expected == JsonToken.START_OBJECT ? "an object" : "an array";
            throw new InvalidTweetException(path + " is not " + what);
        }
    }
}
