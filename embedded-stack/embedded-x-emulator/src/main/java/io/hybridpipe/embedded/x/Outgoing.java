package io.hybridpipe.embedded.x;

/**
 * One line queued for a stream connection. {@code tweetId} is set for posts (it goes to the sent-id log once
 * written) and null for anything else; {@code endsStream} closes the stream cleanly after the line.
 */
record Outgoing(byte[] bytes, String tweetId, boolean endsStream) {
}
