package io.hybridpipe.embedded.x;

import java.time.Instant;

/**
 * A stream connection that ended, and why.
 *
 * @param reason      e.g. "slow reader: ... bytes buffered, limit ...", "client closed the connection",
 *                    "disconnectAfterTweets fault"
 * @param postsLost   posts handed to it (queued or backfill) that were neither written nor in a write that failed:
 *                    lost, as X loses them
 */
public record ClosedStream(Instant at, String path, String reason, long postsLost) {
}
