package io.hybridpipe.embedded.x;

import java.time.Instant;

/**
 * A stream connection that ended, and why.
 *
 * @param reason      e.g. "slow reader: ... bytes buffered, limit ...", "client closed the connection",
 *                    "disconnectAfterTweets fault"
 * @param postsLost   posts still queued for it when it ended: never written, lost as X loses them
 */
public record ClosedStream(Instant at, String path, String reason, long postsLost) {
}
