package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.stream.MalformedLine;
import io.hybridpipe.core.stream.StreamError;
import io.hybridpipe.core.stream.StreamMessage;
import io.hybridpipe.core.stream.UnknownMessage;

import java.util.HashMap;
import java.util.Map;

/** The attributes of an errors-relationship FlowFile: what kind of message it is and why it is there. */
final class ErrorAttributes {
    static final String MESSAGE_TYPE = "twitter.message.type";
    static final String ERROR_TYPE = "twitter.error.type";
    static final String ERROR_TITLE = "twitter.error.title";
    static final String ERROR_DETAIL = "twitter.error.detail";
    static final String REASON = "twitter.error.reason";

    static final String TYPE_STREAM_ERROR = "stream-error";
    static final String TYPE_UNKNOWN = "unknown";
    static final String TYPE_MALFORMED = "malformed";
    static final String TYPE_OVERSIZED = "oversized";

    private ErrorAttributes() {
    }

    static Map<String, String> of(StreamMessage message, String stream) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(BatchAttributes.STREAM, stream);
        if (message instanceof StreamError error) {
            attributes.put(MESSAGE_TYPE, TYPE_STREAM_ERROR);
            attributes.put(ERROR_TYPE, error.type());
            putIfPresent(attributes, ERROR_TITLE, error.title());
            putIfPresent(attributes, ERROR_DETAIL, error.detail());
            attributes.put("mime.type", "application/json");
        } else if (message instanceof UnknownMessage) {
            attributes.put(MESSAGE_TYPE, TYPE_UNKNOWN);
            attributes.put(REASON, "a JSON message that is neither a tweet nor an error");
            attributes.put("mime.type", "application/json");
        } else if (message instanceof MalformedLine malformed) {
            boolean oversized = malformed.reason().startsWith(StreamReader.OVERSIZED_REASON);
            attributes.put(MESSAGE_TYPE, oversized ? TYPE_OVERSIZED : TYPE_MALFORMED);
            attributes.put(REASON, malformed.reason());
            attributes.put("mime.type", "application/octet-stream");
        } else {
            throw new IllegalArgumentException("not an error message: " + message.getClass().getSimpleName());
        }
        return attributes;
    }

    private static void putIfPresent(Map<String, String> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}
