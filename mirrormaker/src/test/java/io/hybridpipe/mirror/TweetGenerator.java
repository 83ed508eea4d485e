package io.hybridpipe.mirror;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Tweet-sized test records (X API v2 filtered-stream JSON, 1-3 KB) without depending on the emulator module.
 * Record {@code i} is tweet {@code BASE_ID + i % distinctTweets}: a tweet id comes back as an edit every
 * {@code distinctTweets} records, which is what the per-key ordering checks need.
 */
final class TweetGenerator {

    static final long BASE_ID = 1_790_000_000_000_000_000L;
    private static final String[] WORDS = {"kafka", "cloud", "hybrid", "pipeline", "stream", "lake", "spark", "nifi",
            "hadoop", "mirror", "replication", "latency", "throughput", "on-prem", "aws", "redshift", "parquet",
            "schema", "offset", "partition", "the", "a", "is", "and", "of", "to", "with", "for", "today", "data"};
    private static final String[] LANGS = {"en", "es", "fr", "de", "ja", "pt"};

    private final int distinctTweets;

    TweetGenerator(int distinctTweets) {
        this.distinctTweets = distinctTweets;
    }

    String key(long i) {
        return Long.toString(BASE_ID + i % distinctTweets);
    }

    byte[] value(long i) {
        SplittableRandom random = new SplittableRandom(i * 31 + 7);
        String id = key(i);
        long authorId = 10_000_000L + random.nextInt(5_000_000);
        String text = words(random, 12 + random.nextInt(30));
        Instant createdAt = Instant.ofEpochSecond(1_717_000_000L + i);
        StringBuilder json = new StringBuilder(2048);
        json.append("{\"data\":{\"id\":\"").append(id).append("\",\"text\":\"").append(text)
                .append("\",\"author_id\":\"").append(authorId).append("\",\"created_at\":\"").append(createdAt)
                .append("\",\"lang\":\"").append(LANGS[random.nextInt(LANGS.length)])
                .append("\",\"conversation_id\":\"").append(id)
                .append("\",\"edit_history_tweet_ids\":[\"").append(id).append("\"]")
                .append(",\"source\":\"HybridPipe test generator\"")
                .append(",\"public_metrics\":{\"retweet_count\":").append(random.nextInt(5000))
                .append(",\"reply_count\":").append(random.nextInt(300))
                .append(",\"like_count\":").append(random.nextInt(20000))
                .append(",\"quote_count\":").append(random.nextInt(100)).append("}")
                .append(",\"entities\":{\"hashtags\":[");
        int hashtags = 1 + random.nextInt(4);
        for (int h = 0; h < hashtags; h++) {
            json.append(h == 0 ? "" : ",").append("{\"start\":").append(h * 10).append(",\"end\":").append(h * 10 + 8)
                    .append(",\"tag\":\"").append(WORDS[random.nextInt(WORDS.length)]).append("\"}");
        }
        json.append("],\"urls\":[{\"start\":0,\"end\":23,\"url\":\"https://t.co/").append(Long.toHexString(random.nextLong()))
                .append("\",\"expanded_url\":\"https://example.org/").append(words(random, 3).replace(' ', '/'))
                .append("\"}]}},\"includes\":{\"users\":[");
        int users = 1 + random.nextInt(4);
        for (int u = 0; u < users; u++) {
            json.append(u == 0 ? "" : ",").append("{\"id\":\"").append(authorId + u).append("\",\"name\":\"")
                    .append(words(random, 2)).append("\",\"username\":\"user").append(authorId + u)
                    .append("\",\"location\":\"").append(words(random, 2)).append("\",\"description\":\"")
                    .append(words(random, 10 + random.nextInt(20))).append("\",\"public_metrics\":{\"followers_count\":")
                    .append(random.nextInt(1_000_000)).append(",\"following_count\":").append(random.nextInt(5000))
                    .append(",\"tweet_count\":").append(random.nextInt(100_000)).append("}}");
        }
        json.append("]},\"matching_rules\":[{\"id\":\"").append(1000 + random.nextInt(5))
                .append("\",\"tag\":\"hybridpipe\"}],\"seq\":").append(i).append("}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String words(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < count; w++) {
            text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
