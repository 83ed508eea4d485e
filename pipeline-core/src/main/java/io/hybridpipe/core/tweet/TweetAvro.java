package io.hybridpipe.core.tweet;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Converts between {@link CanonicalTweet} and a {@link GenericRecord} of {@link TweetSchema#avro()}.
 * Timestamps are epoch milliseconds (the schema's {@code timestamp-millis}).
 */
public final class TweetAvro {
    private TweetAvro() {
    }

    public static GenericRecord toRecord(CanonicalTweet t) {
        return build(t, s -> s, strings -> strings);
    }

    /**
     * The same record with every string as Avro's {@link Utf8}, encoded once here: parquet-avro copies a {@code Utf8}'s
     * bytes as they are (a {@code String} it re-encodes through a {@code CharsetEncoder}), and the width checks of
     * {@link TweetSchema} read its byte length instead of encoding again. {@code toString()} gives the original
     * {@code String} back without decoding.
     */
    public static GenericRecord toUtf8Record(CanonicalTweet t) {
        return build(t, TweetAvro::utf8, TweetAvro::utf8List);
    }

    private static GenericRecord build(CanonicalTweet t, Function<String, Object> str, Function<List<String>, Object> list) {
        GenericData.Record r = new GenericData.Record(TweetSchema.avro());
        r.put("id", str.apply(t.id()));
        r.put("text", str.apply(t.text()));
        r.put("source", str.apply(t.source()));
        r.put("is_retweet", t.isRetweet());
        r.put("author_id", str.apply(t.authorId()));
        r.put("author_username", str.apply(t.authorUsername()));
        r.put("author_name", str.apply(t.authorName()));
        r.put("author_location", str.apply(t.authorLocation()));
        r.put("author_description", str.apply(t.authorDescription()));
        r.put("created_at", t.createdAt().toEpochMilli());
        r.put("retweet_count", t.retweetCount());
        r.put("in_reply_to_user_id", str.apply(t.inReplyToUserId()));
        r.put("in_reply_to_tweet_id", str.apply(t.inReplyToTweetId()));
        r.put("author_followers_count", t.authorFollowersCount());
        r.put("author_following_count", t.authorFollowingCount());
        r.put("author_tweet_count", t.authorTweetCount());
        r.put("lang", str.apply(t.lang()));
        r.put("conversation_id", str.apply(t.conversationId()));
        r.put("like_count", t.likeCount());
        r.put("reply_count", t.replyCount());
        r.put("quote_count", t.quoteCount());
        r.put("hashtags", list.apply(t.hashtags()));
        r.put("mentions", list.apply(t.mentions()));
        r.put("urls", list.apply(t.urls()));
        r.put("matching_rule_tags", list.apply(t.matchingRuleTags()));
        r.put("ingested_at", t.ingestedAt().toEpochMilli());
        r.put("payload", str.apply(t.payload()));
        return r;
    }

    private static Object utf8(String s) {
        return s == null ? null : new Utf8(s);
    }

    private static Object utf8List(List<String> strings) {
        if (strings == null || strings.isEmpty()) {
            return strings;
        }
        List<Utf8> out = new ArrayList<>(strings.size());
        for (String s : strings) {
            out.add(s == null ? null : new Utf8(s));
        }
        return out;
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
