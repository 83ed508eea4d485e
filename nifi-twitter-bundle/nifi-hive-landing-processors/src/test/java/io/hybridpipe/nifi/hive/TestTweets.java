package io.hybridpipe.nifi.hive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** X API v2 filtered-stream messages for tests, one JSON object per line. */
final class TestTweets {

    private TestTweets() {
    }

    static String tweet(String id, Instant createdAt, String text) {
        return "{\"data\":{\"id\":\"" + id + "\",\"text\":\"" + text + "\",\"created_at\":\"" + createdAt
                + "\",\"author_id\":\"42\",\"lang\":\"en\",\"conversation_id\":\"" + id + "\","
                + "\"public_metrics\":{\"retweet_count\":1,\"reply_count\":2,\"like_count\":3,\"quote_count\":4}},"
                + "\"includes\":{\"users\":[{\"id\":\"42\",\"username\":\"landing_test\",\"name\":\"Landing Test\","
                + "\"public_metrics\":{\"followers_count\":10,\"following_count\":20,\"tweet_count\":30}}]},"
                + "\"matching_rules\":[{\"id\":\"1\",\"tag\":\"test\"}]}";
    }

    static byte[] ndjson(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} tweets with ids {@code firstId..}, spread over the hours after {@code start}. */
    static List<String> tweets(long firstId, int count, Instant start, int hours) {
        return java.util.stream.LongStream.range(0, count)
                .mapToObj(i -> tweet(Long.toString(firstId + i), start.plusSeconds(3600L * (i % hours) + i),
                        "tweet number " + (firstId + i)))
                .toList();
    }
}
