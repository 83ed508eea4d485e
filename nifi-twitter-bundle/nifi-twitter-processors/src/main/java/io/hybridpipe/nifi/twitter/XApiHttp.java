package io.hybridpipe.nifi.twitter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Requests to the X API with the settings of {@link HttpSettings}; the token only goes into the Authorization header. */
final class XApiHttp {
    static final String USER_AGENT = "HybridPipe-ConsumeTwitterStream/0.1";
    private static final int MAX_ERROR_BODY_BYTES = 2000;
    private static final int MAX_ERROR_BODY_CHARS = 600;
    private static final int MAX_JSON_ANSWER_BYTES = 16 * 1024 * 1024;

    private final HttpSettings settings;

    XApiHttp(HttpSettings settings) {
        this.settings = settings;
    }

    /** Opens a request whose body the caller reads (the stream). */
    HttpConnection open(String method, String pathAndQuery) throws IOException {
        return HttpConnection.open(settings, method, pathAndQuery, null, settings.readTimeout());
    }

    /** A small JSON request (rules API); returns the body of a 2xx answer, else throws {@link ConnectFailure}. */
    byte[] exchange(String method, String pathAndQuery, byte[] jsonBody) throws IOException, ConnectFailure {
        try (HttpConnection connection = HttpConnection.open(settings, method, pathAndQuery, jsonBody, settings.readTimeout())) {
            if (connection.head().status() / 100 != 2) {
                throw ConnectFailure.fromResponse(method + " " + pathOnly(pathAndQuery), connection, Instant.now());
            }
            byte[] answer = connection.body().readNBytes(MAX_JSON_ANSWER_BYTES + 1);
            if (answer.length > MAX_JSON_ANSWER_BYTES) {
                throw new IOException(method + " " + pathOnly(pathAndQuery) + " answered more than 16 MB");
            }
            return answer;
        }
    }

    static String pathOnly(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    /** The start of an error response body, for bulletins; X's error bodies never echo the token. */
    static String errorBody(InputStream body) {
        try {
            String text = new String(body.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8).strip();
            return text.length() <= MAX_ERROR_BODY_CHARS ? text : text.substring(0, MAX_ERROR_BODY_CHARS) + "...";
        } catch (IOException e) {
            return "(error body unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }
}
