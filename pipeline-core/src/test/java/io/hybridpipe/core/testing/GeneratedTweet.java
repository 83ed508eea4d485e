package io.hybridpipe.core.testing;

import io.hybridpipe.core.tweet.CanonicalTweet;

import java.nio.charset.StandardCharsets;

/**
 * One generated stream message and what it must normalise to.
 *
 * @param json          the message as X would send it (one line, no terminator)
 * @param createdAtText {@code data.created_at} exactly as written
 * @param expected      the canonical record the message must become, with {@code payload = json}
 */
public record GeneratedTweet(String json, String createdAtText, CanonicalTweet expected) {
    public byte[] bytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
