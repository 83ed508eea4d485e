package io.hybridpipe.local.observe;

import java.time.Instant;

/**
 * When one sampled tweet was first seen in one stage.
 *
 * @param createdAt the tweet's {@code created_at}: the emulator stamps the emission time, to the millisecond
 * @param seenAt    the time of the first poll that saw it in the stage
 */
public record LatencySample(Stage stage, String tweetId, Instant createdAt, Instant seenAt) {

    public long millis() {
        return seenAt.toEpochMilli() - createdAt.toEpochMilli();
    }
}
