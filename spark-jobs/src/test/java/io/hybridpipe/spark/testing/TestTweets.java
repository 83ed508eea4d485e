package io.hybridpipe.spark.testing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * X API v2 stream messages for the Spark tests: a tweet with its author in {@code includes.users},
 * entities, metrics and matching rules; texts mix ASCII, emoji, right-to-left and CJK scripts, quotes and
 * commas (the CSV path) and newlines. {@code created_at} spreads over a few hours, so a batch spans
 * several {@code dt=/hr=} partitions. Same seed, same messages.
 */
public final class TestTweets {

    private static final DateTimeFormatter X_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String[] WORDS = {"kafka", "spark", "s3", "redshift", "😀", "🚀", "مرحبا", "数据", "\\\"quoted\\\"",
        "comma,here", "back\\\\slash", "line\\nbreak", "café"};
    public static final Instant FIRST_CREATED_AT = Instant.parse("2026-11-28T05:00:00Z");

    private final Random random;

    public TestTweets(long seed) {
        this.random = new Random(seed);
    }

    /** Tweet ids start at {@code firstId} and increase by one. */
    public List<String> messages(long firstId, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(message(Long.toString(firstId + i)));
        }
        return out;
    }

    public String message(String id) {
        StringBuilder text = new StringBuilder();
        for (int w = 1 + random.nextInt(8); w > 0; w--) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        Instant createdAt = FIRST_CREATED_AT.plusSeconds(random.nextInt(3 * 3600));
        String authorId = Long.toString(1000 + random.nextInt(500));
        String tag = random.nextBoolean() ? "BigData" : "データ";
        return "{\"data\":{\"id\":\"" + id + "\",\"text\":\"" + text.toString().trim() + "\",\"author_id\":\"" + authorId
                + "\",\"created_at\":\"" + X_TIME.format(createdAt) + "\",\"lang\":\"en\",\"conversation_id\":\"" + id
                + "\",\"edit_history_tweet_ids\":[\"" + id + "\"],"
                + "\"public_metrics\":{\"retweet_count\":" + random.nextInt(100) + ",\"reply_count\":1,\"like_count\":"
                + random.nextInt(1000) + ",\"quote_count\":0},"
                + "\"entities\":{\"hashtags\":[{\"start\":0,\"end\":3,\"tag\":\"" + tag + "\"}]}},"
                + "\"includes\":{\"users\":[{\"id\":\"" + authorId + "\",\"username\":\"user_" + authorId
                + "\",\"name\":\"User " + authorId + "\",\"public_metrics\":{\"followers_count\":10,\"following_count\":2,"
                + "\"tweet_count\":300}}]},"
                + "\"matching_rules\":[{\"id\":\"1\",\"tag\":\"spark-tests\"}]}";
    }
}
