package io.hybridpipe.nifi.twitter;

import org.apache.nifi.components.AllowableValue;

/** The two X API v2 streams this processor reads. */
enum StreamEndpoint {
    FILTERED("filtered", "Filtered stream", "/2/tweets/search/stream",
            "GET /2/tweets/search/stream: posts matching the app's rules, each with matching_rules."),
    SAMPLE("sample", "Sample stream", "/2/tweets/sample/stream",
            "GET /2/tweets/sample/stream: a ~1% sample of all public posts; rules do not apply.");

    private final AllowableValue allowableValue;
    private final String path;

    StreamEndpoint(String value, String displayName, String path, String description) {
        this.allowableValue = new AllowableValue(value, displayName, description);
        this.path = path;
    }

    AllowableValue allowableValue() {
        return allowableValue;
    }

    String path() {
        return path;
    }

    static StreamEndpoint fromValue(String value) {
        for (StreamEndpoint e : values()) {
            if (e.allowableValue.getValue().equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown stream endpoint '" + value + "'");
    }
}
