package io.hybridpipe.local.observe;

import java.time.Instant;

/**
 * When one sampled tweet was first seen in one stage.
 *
 * @param createdAt the tweet's {@code created_at}: the emulator stamps the emission time, to the millisecond
 * @param seenAt    when the first poll that found it in the stage got its answer (Kafka: the records; tables: the
 *                  result of the id lookup)
 */
public record LatencySample(Stage stage, String tweetId, Instant createdAt, Instant seenAt) {

    public long millis() {
        return seenAt.toEpochMilli() - createdAt.toEpochMilli();
    }
}
