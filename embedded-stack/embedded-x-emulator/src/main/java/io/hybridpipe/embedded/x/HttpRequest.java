package io.hybridpipe.embedded.x;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed HTTP/1.1 request: method, path, decoded query parameters, headers (names lower-cased) and body.
 */
record HttpRequest(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {

    HttpRequest {
        query = Collections.unmodifiableMap(query);
        headers = Collections.unmodifiableMap(headers);
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Splits {@code /a/b?x=1&y=2} into the path and its decoded query parameters (last value wins). */
    static HttpRequest of(String method, String target, Map<String, String> headers, byte[] body) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        Map<String, String> query = new LinkedHashMap<>();
        if (question >= 0) {
            for (String pair : target.substring(question + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                query.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return new HttpRequest(method, path, query, headers, body);
    }
}
