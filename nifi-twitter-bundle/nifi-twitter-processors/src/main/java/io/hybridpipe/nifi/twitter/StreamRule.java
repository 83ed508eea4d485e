package io.hybridpipe.nifi.twitter;

import java.util.Objects;

/** One filtered-stream rule as the user wants it: a tag and a rule value (X's rule query syntax). */
record StreamRule(String tag, String value) {
    StreamRule {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(value, "value");
    }
}
