package io.hybridpipe.core.stream;

/**
 * One line of an X API v2 stream, classified. Every line becomes exactly one message, so nothing
 * read from the stream can be dropped without the caller deciding what to do with it.
 */
public sealed interface StreamMessage permits TweetMessage, KeepAlive, StreamError, UnknownMessage, MalformedLine {
}
