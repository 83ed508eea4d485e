package io.hybridpipe.core.tweet;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Converts between {@link CanonicalTweet} and a {@link GenericRecord} of {@link TweetSchema#avro()}.
 * Timestamps are epoch milliseconds (the schema's {@code timestamp-millis}).
 */
public final class TweetAvro {
    private TweetAvro() {
    }

    public static GenericRecord toRecord(CanonicalTweet t) {
        GenericData.Record r = new GenericData.Record(TweetSchema.avro());
        r.put("id", t.id());
        r.put("text", t.text());
        r.put("source", t.source());
        r.put("is_retweet", t.isRetweet());
        r.put("author_id", t.authorId());
        r.put("author_username", t.authorUsername());
        r.put("author_name", t.authorName());
        r.put("author_location", t.authorLocation());
        r.put("author_description", t.authorDescription());
        r.put("created_at", t.createdAt().toEpochMilli());
        r.put("retweet_count", t.retweetCount());
        r.put("in_reply_to_user_id", t.inReplyToUserId());
        r.put("in_reply_to_tweet_id", t.inReplyToTweetId());
        r.put("author_followers_count", t.authorFollowersCount());
        r.put("author_following_count", t.authorFollowingCount());
        r.put("author_tweet_count", t.authorTweetCount());
        r.put("lang", t.lang());
        r.put("conversation_id", t.conversationId());
        r.put("like_count", t.likeCount());
        r.put("reply_count", t.replyCount());
        r.put("quote_count", t.quoteCount());
        r.put("hashtags", t.hashtags());
        r.put("mentions", t.mentions());
        r.put("urls", t.urls());
        r.put("matching_rule_tags", t.matchingRuleTags());
        r.put("ingested_at", t.ingestedAt().toEpochMilli());
        r.put("payload", t.payload());
        return r;
    }

    /** Accepts records read back from Avro or Parquet files ({@code Utf8} strings, any collection for arrays). */
    public static CanonicalTweet fromRecord(GenericRecord r) {
        Schema actual = r.getSchema();
        if (actual.getField("id") == null || actual.getField("payload") == null) {
            throw new IllegalArgumentException("not a canonical tweet record: " + actual.getFullName());
        }
        return new CanonicalTweet(
                str(r, "id"), str(r, "text"), str(r, "source"), Boolean.TRUE.equals(get(r, "is_retweet")),
                str(r, "author_id"), str(r, "author_username"), str(r, "author_name"),
                str(r, "author_location"), str(r, "author_description"),
                instant(r, "created_at"), lng(r, "retweet_count"),
                str(r, "in_reply_to_user_id"), str(r, "in_reply_to_tweet_id"),
                lng(r, "author_followers_count"), lng(r, "author_following_count"), lng(r, "author_tweet_count"),
                str(r, "lang"), str(r, "conversation_id"),
                lng(r, "like_count"), lng(r, "reply_count"), lng(r, "quote_count"),
                list(r, "hashtags"), list(r, "mentions"), list(r, "urls"), list(r, "matching_rule_tags"),
                instant(r, "ingested_at"), str(r, "payload"));
    }

    /** Fields added to the schema later are absent from old files: read them as null / empty. */
    private static Object get(GenericRecord r, String field) {
        return r.getSchema().getField(field) == null ? null : r.get(field);
    }

    private static String str(GenericRecord r, String field) {
        Object v = get(r, field);
        return v == null ? null : v.toString();
    }

    private static Long lng(GenericRecord r, String field) {
        Object v = get(r, field);
        return v == null ? null : ((Number) v).longValue();
    }

    private static Instant instant(GenericRecord r, String field) {
        Object v = get(r, field);
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        throw new IllegalArgumentException("field " + field + " is " + (v == null ? "missing" : v.getClass().getName()));
    }

    private static List<String> list(GenericRecord r, String field) {
        Object v = get(r, field);
        if (v == null) {
            return List.of();
        }
        Collection<?> c = (Collection<?>) v;
        List<String> out = new ArrayList<>(c.size());
        for (Object o : c) {
            out.add(o.toString());
        }
        return out;
    }
}
