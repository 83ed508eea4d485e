package io.hybridpipe.embedded.x;

/** The two streaming endpoints of the X API v2 the emulator serves. */
enum StreamKind {
    /** {@code GET /2/tweets/search/stream}: only posts matching a rule, with {@code matching_rules}. */
    FILTERED("/2/tweets/search/stream"),
    /** {@code GET /2/tweets/sample/stream}: every post the emulator produces, without {@code matching_rules}. */
    SAMPLE("/2/tweets/sample/stream");

    private final String path;

    StreamKind(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }
}
