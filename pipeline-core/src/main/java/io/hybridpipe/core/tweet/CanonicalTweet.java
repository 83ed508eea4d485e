package io.hybridpipe.core.tweet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The flat, typed tweet shared by Hive, S3 Parquet and Redshift; one field per column of {@code tweet.avsc}
 * (Avro/SQL names are the snake_case of these). Null means "X did not send it" (a field or expansion that was not
 * requested); lists are never null, only empty.
 *
 * @param payload the original stream message (JSON), so any layer can be rebuilt from it
 */
public record CanonicalTweet(
        String id,
        String text,
        String source,
        boolean isRetweet,
        String authorId,
        String authorUsername,
        String authorName,
        String authorLocation,
        String authorDescription,
        Instant createdAt,
        Long retweetCount,
        String inReplyToUserId,
        String inReplyToTweetId,
        Long authorFollowersCount,
        Long authorFollowingCount,
        Long authorTweetCount,
        String lang,
        String conversationId,
        Long likeCount,
        Long replyCount,
        Long quoteCount,
        List<String> hashtags,
        List<String> mentions,
        List<String> urls,
        List<String> matchingRuleTags,
        Instant ingestedAt,
        String payload) {

    public CanonicalTweet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        hashtags = List.copyOf(hashtags);
        mentions = List.copyOf(mentions);
        urls = List.copyOf(urls);
        matchingRuleTags = List.copyOf(matchingRuleTags);
        Objects.requireNonNull(ingestedAt, "ingestedAt");
        Objects.requireNonNull(payload, "payload");
    }
}
