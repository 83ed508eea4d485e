package io.hybridpipe.core.stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Turns a Jackson parse failure into a one-line reason that names the byte offset. */
public final class JsonErrors {
    private JsonErrors() {
    }

    public static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at byte " + at.getByteOffset();
        return "malformed JSON" + where + ": " + e.getOriginalMessage();
    }
}
