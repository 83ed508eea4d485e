package io.hybridpipe.core.stream;

import java.util.List;
import java.util.Objects;

/**
 * A tweet message ({@code data}, {@code includes}, {@code matching_rules}).
 *
 * @param id        {@code data.id}, never null
 * @param createdAt {@code data.created_at} as sent (ISO-8601), or null when the stream was opened without it
 * @param ruleTags  tags of {@code matching_rules} (empty on the sample stream); a rule without a tag is left out
 * @param raw       the line exactly as received, without its line terminator
 */
public record TweetMessage(String id, String createdAt, List<String> ruleTags, byte[] raw) implements StreamMessage {
    public TweetMessage {
        Objects.requireNonNull(id, "id");
        ruleTags = List.copyOf(ruleTags);
        Objects.requireNonNull(raw, "raw");
    }
}
