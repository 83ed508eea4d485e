package io.hybridpipe.core.stream;

import java.util.Objects;

/** A line that is not one complete JSON value, or a tweet without {@code data.id}; {@code reason} says why. */
public record MalformedLine(String reason, byte[] raw) implements StreamMessage {
    public MalformedLine {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(raw, "raw");
    }
}
