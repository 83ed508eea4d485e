package io.hybridpipe.core.testing;

import io.hybridpipe.core.tweet.CanonicalTweet;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of X API v2 tweet messages covering what the contract allows: optional fields and expansions,
 * fields in any order, unknown fields at every level, retweets, replies and quotes, entities, rule tags, and text
 * with emoji (surrogate pairs, ZWJ sequences, flags), right-to-left scripts, CJK, combining marks, quotes,
 * backslashes and control characters, written raw or escaped. Each message comes with the canonical record it must
 * normalise to. Same seed, same messages.
 */
public final class TweetGenerator {
    private static final DateTimeFormatter X_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String[] WORDS = {
        "nifi", "kafka", "hadoop", "spark", "redshift", "stream", "the", "a", "data", "lake",
        "😀", "👨‍👩‍👧", "🇫🇷", "𝕏", "🚀🔥", "مرحبا بالعالم", "שלום עולם", "數據管道", "データ", "café", "e\u0301",
        "\"quoted\"", "back\\slash", "tab\there", "line\nbreak", "ctl\u0001x", "sep\u2028x", "a/b", "&amp;", "<br>"
    };
    private static final Instant FROM = Instant.parse("2016-01-01T00:00:00Z");
    private static final long SPAN_MILLIS = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli() - FROM.toEpochMilli();

    private final Random random;
    private final JsonText json;
    private final Instant ingestedAt;
    private long nextId;

    public TweetGenerator(long seed, Instant ingestedAt) {
        this.random = new Random(seed);
        this.json = new JsonText(random, true);
        this.ingestedAt = ingestedAt;
        this.nextId = 1_500_000_000_000_000_000L + (seed & 0xffff) * 1_000_000_000L;
    }

    public List<GeneratedTweet> next(int count) {
        List<GeneratedTweet> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    public GeneratedTweet next() {
        String id = Long.toString(nextId++);
        String text = text(1 + random.nextInt(20));
        Instant createdAt = FROM.plusMillis((long) (random.nextDouble() * SPAN_MILLIS));
        String createdAtText = X_TIME.format(createdAt);
        String source = chance(30) ? pick("Twitter for iPhone", "Twitter Web App", "hybridpipe/1.0 ✓") : null;
        String authorId = chance(90) ? Long.toString(1_000_000L + random.nextInt(1_000_000)) : null;
        String lang = chance(80) ? pick("en", "fr", "ar", "he", "ja", "und") : null;
        String conversationId = chance(70) ? Long.toString(nextId - 1 - random.nextInt(1000)) : null;

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("text", text);
        data.put("created_at", createdAtText);
        data.put("edit_history_tweet_ids", List.of(id));
        putIfPresent(data, "source", source);
        putIfPresent(data, "author_id", authorId);
        putIfPresent(data, "lang", lang);
        putIfPresent(data, "conversation_id", conversationId);
        if (chance(30)) {
            data.put("possibly_sensitive", random.nextBoolean());
        }
        if (chance(20)) {
            data.put("context_annotations", List.of(obj("domain", obj("id", "46", "name", "Business ✓"))));
        }

        Long[] metrics = new Long[4];
        if (chance(80)) {
            Map<String, Object> pm = new LinkedHashMap<>();
            String[] names = {"retweet_count", "reply_count", "like_count", "quote_count"};
            for (int i = 0; i < names.length; i++) {
                metrics[i] = (long) random.nextInt(i == 2 ? 5_000_000 : 100_000);
                pm.put(names[i], metrics[i]);
            }
            pm.put("impression_count", random.nextInt(10_000_000));
            pm.put("bookmark_count", random.nextInt(1000));
            data.put("public_metrics", pm);
        }

        boolean isRetweet = false;
        String inReplyToTweetId = null;
        String inReplyToUserId = null;
        List<Map<String, Object>> refs = new ArrayList<>();
        switch (random.nextInt(5)) {
            case 0 -> {
                isRetweet = true;
                refs.add(ref("retweeted", Long.toString(nextId - 5000)));
            }
            case 1 -> {
                inReplyToTweetId = Long.toString(nextId - 7000);
                inReplyToUserId = Long.toString(2_000_000L + random.nextInt(1000));
                refs.add(ref("replied_to", inReplyToTweetId));
            }
            case 2 -> refs.add(ref("quoted", Long.toString(nextId - 9000)));
            case 3 -> {
                inReplyToTweetId = Long.toString(nextId - 3000);
                inReplyToUserId = Long.toString(2_000_000L + random.nextInt(1000));
                refs.add(ref("quoted", Long.toString(nextId - 11000)));
                refs.add(ref("replied_to", inReplyToTweetId));
            }
            default -> {
                // an original tweet: no referenced_tweets at all
            }
        }
        if (!refs.isEmpty()) {
            data.put("referenced_tweets", refs);
        }
        putIfPresent(data, "in_reply_to_user_id", inReplyToUserId);

        List<String> hashtags = new ArrayList<>();
        List<String> mentions = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        if (chance(70)) {
            Map<String, Object> entities = new LinkedHashMap<>();
            List<Object> tagList = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                String tag = pick("nifi", "BigData", "データ", "café", "عربي");
                hashtags.add(tag);
                tagList.add(entity("tag", tag));
            }
            List<Object> mentionList = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                String user = "user_" + random.nextInt(1000);
                mentions.add(user);
                Map<String, Object> m = entity("username", user);
                m.put("id", Long.toString(3_000_000L + random.nextInt(1000)));
                mentionList.add(m);
            }
            List<Object> urlList = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                String shortUrl = "https://t.co/" + Integer.toString(random.nextInt(1 << 30), 36);
                Map<String, Object> u = entity("url", shortUrl);
                if (random.nextBoolean()) {
                    String expanded = "https://example.org/päth/" + random.nextInt(1000) + "?q=a&b=c";
                    u.put("expanded_url", expanded);
                    u.put("display_url", "example.org/päth…");
                    urls.add(expanded);
                } else {
                    urls.add(shortUrl);
                }
                urlList.add(u);
            }
            putIfNotEmpty(entities, "hashtags", tagList);
            putIfNotEmpty(entities, "mentions", mentionList);
            putIfNotEmpty(entities, "urls", urlList);
            if (chance(20)) {
                entities.put("cashtags", List.of(entity("tag", "TWTR")));
            }
            data.put("entities", entities);
        }

        Map<String, Object> message = new LinkedHashMap<>();
        message.put("data", data);

        String username = null;
        String name = null;
        String location = null;
        String description = null;
        Long[] userMetrics = new Long[3];
        if (authorId != null && chance(85)) {
            username = "author_" + random.nextInt(100_000);
            name = text(1 + random.nextInt(3));
            location = chance(60) ? pick("Paris, France", "القاهرة", "東京", "Tel Aviv ✡") : null;
            description = chance(70) ? text(1 + random.nextInt(10)) : null;
            Map<String, Object> author = new LinkedHashMap<>();
            author.put("id", authorId);
            author.put("username", username);
            author.put("name", name);
            putIfPresent(author, "location", location);
            putIfPresent(author, "description", description);
            if (chance(80)) {
                Map<String, Object> upm = new LinkedHashMap<>();
                String[] names = {"followers_count", "following_count", "tweet_count"};
                for (int i = 0; i < names.length; i++) {
                    userMetrics[i] = (long) random.nextInt(50_000_000);
                    upm.put(names[i], userMetrics[i]);
                }
                upm.put("listed_count", random.nextInt(1000));
                author.put("public_metrics", upm);
            }
            author.put("verified", random.nextBoolean());
            List<Object> users = new ArrayList<>();
            users.add(author);
            for (int i = random.nextInt(3); i > 0; i--) {
                // other included users (mentioned, replied-to) must not be taken for the author
                Map<String, Object> other = new LinkedHashMap<>();
                other.put("id", Long.toString(4_000_000L + random.nextInt(1000)));
                other.put("username", "other_" + i);
                other.put("name", "Other " + i);
                other.put("location", "Elsewhere");
                other.put("public_metrics", obj("followers_count", 1, "following_count", 2, "tweet_count", 3));
                users.add(other);
            }
            Collections.shuffle(users, random);
            Map<String, Object> includes = new LinkedHashMap<>();
            includes.put("users", users);
            if (chance(20)) {
                includes.put("tweets", List.of(obj("id", "1", "text", "included tweet", "author_id", "99")));
            }
            message.put("includes", includes);
        }

        List<String> ruleTags = new ArrayList<>();
        if (chance(85)) {
            List<Object> rules = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("id", Long.toString(1_700_000_000_000_000_000L + random.nextInt(1000)));
                if (chance(90)) {
                    String tag = pick("nifi", "kafka, spark", "données", "rule \"one\"", "🚀");
                    rule.put("tag", tag);
                    ruleTags.add(tag);
                }
                rules.add(rule);
            }
            message.put("matching_rules", rules);
        }
        if (chance(15)) {
            message.put("future_field", obj("nested", List.of(1, 2.5, true, "x"), "deeper", obj("k", "v")));
        }

        String line = json.write(message);
        CanonicalTweet expected = new CanonicalTweet(id, text, source, isRetweet, authorId,
                username, name, location, description, createdAt, metrics[0], inReplyToUserId, inReplyToTweetId,
                userMetrics[0], userMetrics[1], userMetrics[2], lang, conversationId,
                metrics[2], metrics[1], metrics[3], hashtags, mentions, urls, ruleTags, ingestedAt, line);
        return new GeneratedTweet(line, createdAtText, expected);
    }

    private String text(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private static Map<String, Object> ref(String type, String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("id", id);
        return m;
    }

    private Map<String, Object> entity(String key, String value) {
        Map<String, Object> m = new LinkedHashMap<>();
        int start = random.nextInt(200);
        m.put("start", start);
        m.put("end", start + value.length() + 1);
        m.put(key, value);
        return m;
    }

    /** An object with the given key/value pairs in this order (Map.of's order changes from one JVM to the next). */
    private static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void putIfNotEmpty(Map<String, Object> m, String key, List<Object> value) {
        if (!value.isEmpty()) {
            m.put(key, value);
        }
    }
}
