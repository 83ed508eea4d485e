package io.hybridpipe.core.stream;

/** A blank heartbeat line; X sends one at least every 20 s. */
public record KeepAlive() implements StreamMessage {
}
