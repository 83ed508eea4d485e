package io.hybridpipe.core.stream;

import java.util.Objects;

/**
 * An error object sent in the body of an open stream, e.g. {@code operational-disconnect} or
 * {@code TooManyConnections}.
 *
 * @param type       the most specific name available: {@code connection_issue}, else {@code title}, else the last
 *                   segment of the problem {@code type} URI, else {@code disconnect_type}, else {@code code-<n>},
 *                   else {@code "unknown-error"}; never null
 * @param title      {@code title} (or {@code message} of the v1.1-style {@code {"code":88,"message":...}}), may be null
 * @param detail     {@code detail}, may be null
 * @param disconnect true when the server announces it is closing the stream (the caller should reconnect)
 * @param raw        the line exactly as received
 */
public record StreamError(String type, String title, String detail, boolean disconnect, byte[] raw)
        implements StreamMessage {
    public StreamError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(raw, "raw");
    }
}
