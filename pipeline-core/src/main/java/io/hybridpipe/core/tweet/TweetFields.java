package io.hybridpipe.core.tweet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What {@link TweetNormalizer} collected while reading one message, fields in whatever order they came. */
final class TweetFields {
    String id;
    String text;
    String source;
    boolean isRetweet;
    String authorId;
    String createdAtText;
    String lang;
    String conversationId;
    String inReplyToUserId;
    String inReplyToTweetId;
    Long retweetCount;
    Long replyCount;
    Long likeCount;
    Long quoteCount;
    final List<String> hashtags = new ArrayList<>(4);
    final List<String> mentions = new ArrayList<>(4);
    final List<String> urls = new ArrayList<>(2);
    final List<String> matchingRuleTags = new ArrayList<>(2);
    final List<IncludedUser> users = new ArrayList<>(2);

    CanonicalTweet toTweet(Instant ingestedAt, String payload) throws InvalidTweetException {
        if (id == null) {
            throw new InvalidTweetException("missing data.id");
        }
        if (text == null) {
            throw new InvalidTweetException("missing data.text");
        }
        if (createdAtText == null) {
            throw new InvalidTweetException("missing data.created_at");
        }
        Instant createdAt = XTimestamps.parse(createdAtText);
        IncludedUser author = author();
        return new CanonicalTweet(id, text, source, isRetweet, authorId,
                author.username, author.name, author.location, author.description,
                createdAt, retweetCount, inReplyToUserId, inReplyToTweetId,
                author.followersCount, author.followingCount, author.tweetCount,
                lang, conversationId, likeCount, replyCount, quoteCount,
                hashtags, mentions, urls, matchingRuleTags, ingestedAt, payload);
    }

    /** The included user whose id is {@code author_id}; an empty user when the expansion was not requested. */
    private IncludedUser author() {
        if (authorId != null) {
            for (IncludedUser u : users) {
                if (authorId.equals(u.id)) {
                    return u;
                }
            }
        }
        return new IncludedUser();
    }
}
