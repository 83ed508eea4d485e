package io.hybridpipe.core.stream;

import java.util.Objects;

/** Well-formed JSON that is neither a tweet nor an error: kept so new message types are never lost. */
public record UnknownMessage(byte[] raw) implements StreamMessage {
    public UnknownMessage {
        Objects.requireNonNull(raw, "raw");
    }
}
