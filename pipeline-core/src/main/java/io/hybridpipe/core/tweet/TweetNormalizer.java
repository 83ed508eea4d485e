package io.hybridpipe.core.tweet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.hybridpipe.core.stream.JsonErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns one X API v2 tweet message ({@code data}, {@code includes}, {@code matching_rules}, in any field order)
 * into a {@link CanonicalTweet}, in one pass of Jackson's streaming API:
 * <ul>
 *   <li>the author comes from {@code includes.users}, the entry whose {@code id} is {@code data.author_id};</li>
 *   <li>{@code is_retweet} from {@code data.referenced_tweets[type=retweeted]}, the replied-to tweet id from
 *       {@code [type=replied_to]};</li>
 *   <li>hashtags, mentions and urls (expanded when X expanded them) from {@code data.entities};</li>
 *   <li>counts from {@code data.public_metrics} and the author's {@code public_metrics}.</li>
 * </ul>
 * The message itself becomes {@code payload} unchanged (it must be valid UTF-8, so the text round-trips to the same
 * bytes); fields the record has no column for stay there. Thread-safe.
 */
public final class TweetNormalizer {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    public CanonicalTweet normalize(String rawMessage, Instant ingestedAt) throws InvalidTweetException {
        Objects.requireNonNull(rawMessage, "rawMessage");
        byte[] bytes = rawMessage.getBytes(StandardCharsets.UTF_8);
        return normalize(bytes, 0, bytes.length, ingestedAt);
    }

    public CanonicalTweet normalize(byte[] rawMessage, int off, int len, Instant ingestedAt) throws InvalidTweetException {
        Objects.checkFromIndexSize(off, len, rawMessage.length);
        Objects.requireNonNull(ingestedAt, "ingestedAt");
        TweetFields f = new TweetFields();
        try (JsonParser p = FACTORY.createParser(rawMessage, off, len)) {
            readMessage(p, f);
        } catch (JsonProcessingException e) {
            throw new InvalidTweetException(JsonErrors.describe(e), e);
        } catch (IOException e) {
            throw new InvalidTweetException("unreadable message: " + e.getMessage(), e);
        }
        return f.toTweet(ingestedAt, utf8(rawMessage, off, len));
    }

    private static void readMessage(JsonParser p, TweetFields f) throws IOException, InvalidTweetException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new InvalidTweetException("empty message");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidTweetException("not a tweet message: top-level JSON is " + first.asString() + ", not an object");
        }
        boolean hasData = false;
        boolean hasErrors = false;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "data" -> {
                    expect(p, v, JsonToken.START_OBJECT, "data");
                    hasData = true;
                    readData(p, f);
                }
                case "includes" -> readIncludes(p, v, f);
                case "matching_rules" -> readRules(p, v, f);
                case "errors" -> {
                    hasErrors = true;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new InvalidTweetException("malformed JSON: more than one JSON value in the message");
        }
        if (!hasData) {
            throw new InvalidTweetException(hasErrors ? "not a tweet message: errors" : "not a tweet message: no data");
        }
    }

    private static void readData(JsonParser p, TweetFields f) throws IOException, InvalidTweetException {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "id" -> f.id = string(p, v, "data.id");
                case "text" -> f.text = string(p, v, "data.text");
                case "source" -> f.source = string(p, v, "data.source");
                case "author_id" -> f.authorId = string(p, v, "data.author_id");
                case "created_at" -> f.createdAtText = string(p, v, "data.created_at");
                case "lang" -> f.lang = string(p, v, "data.lang");
                case "conversation_id" -> f.conversationId = string(p, v, "data.conversation_id");
                case "in_reply_to_user_id" -> f.inReplyToUserId = string(p, v, "data.in_reply_to_user_id");
                case "public_metrics" -> readTweetMetrics(p, v, f);
                case "referenced_tweets" -> readReferencedTweets(p, v, f);
                case "entities" -> readEntities(p, v, f);
                default -> p.skipChildren();
            }
        }
    }

    private static void readTweetMetrics(JsonParser p, JsonToken v, TweetFields f) throws IOException, InvalidTweetException {
        if (!objectOrNull(p, v, "data.public_metrics")) {
            return;
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken m = p.nextToken();
            switch (name) {
                case "retweet_count" -> f.retweetCount = count(p, m, "data.public_metrics.retweet_count");
                case "reply_count" -> f.replyCount = count(p, m, "data.public_metrics.reply_count");
                case "like_count" -> f.likeCount = count(p, m, "data.public_metrics.like_count");
                case "quote_count" -> f.quoteCount = count(p, m, "data.public_metrics.quote_count");
                default -> p.skipChildren();
            }
        }
    }

    private static void readReferencedTweets(JsonParser p, JsonToken v, TweetFields f) throws IOException, InvalidTweetException {
        if (!arrayOrNull(p, v, "data.referenced_tweets")) {
            return;
        }
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            expect(p, e, JsonToken.START_OBJECT, "data.referenced_tweets[]");
            String type = null;
            String id = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken s = p.nextToken();
                switch (name) {
                    case "type" -> type = string(p, s, "data.referenced_tweets[].type");
                    case "id" -> id = string(p, s, "data.referenced_tweets[].id");
                    default -> p.skipChildren();
                }
            }
            if ("retweeted".equals(type)) {
                f.isRetweet = true;
            } else if ("replied_to".equals(type)) {
                f.inReplyToTweetId = id;
            }
        }
    }

    private static void readEntities(JsonParser p, JsonToken v, TweetFields f) throws IOException, InvalidTweetException {
        if (!objectOrNull(p, v, "data.entities")) {
            return;
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken list = p.nextToken();
            switch (name) {
                case "hashtags" -> readEntityList(p, list, "data.entities.hashtags", "tag", null, f.hashtags);
                case "mentions" -> readEntityList(p, list, "data.entities.mentions", "username", null, f.mentions);
                case "urls" -> readEntityList(p, list, "data.entities.urls", "expanded_url", "url", f.urls);
                default -> p.skipChildren();
            }
        }
    }

    /** Collects {@code preferred} (or {@code fallback} when absent) of every object of an entity array. */
    private static void readEntityList(JsonParser p, JsonToken v, String path, String preferred, String fallback,
                                       List<String> into) throws IOException, InvalidTweetException {
        if (!arrayOrNull(p, v, path)) {
            return;
        }
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            expect(p, e, JsonToken.START_OBJECT, path + "[]");
            String best = null;
            String second = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken s = p.nextToken();
                if (name.equals(preferred)) {
                    best = string(p, s, path + "[]." + name);
                } else if (name.equals(fallback)) {
                    second = string(p, s, path + "[]." + name);
                } else {
                    p.skipChildren();
                }
            }
            String value = best != null ? best : second;
            if (value == null) {
                throw new InvalidTweetException(path + "[] without " + preferred);
            }
            into.add(value);
        }
    }

    private static void readIncludes(JsonParser p, JsonToken v, TweetFields f) throws IOException, InvalidTweetException {
        if (!objectOrNull(p, v, "includes")) {
            return;
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken list = p.nextToken();
            if (!"users".equals(name)) {
                p.skipChildren();
                continue;
            }
            if (!arrayOrNull(p, list, "includes.users")) {
                continue;
            }
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                expect(p, e, JsonToken.START_OBJECT, "includes.users[]");
                f.users.add(readUser(p));
            }
        }
    }

    private static IncludedUser readUser(JsonParser p) throws IOException, InvalidTweetException {
        IncludedUser u = new IncludedUser();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "id" -> u.id = string(p, v, "includes.users[].id");
                case "username" -> u.username = string(p, v, "includes.users[].username");
                case "name" -> u.name = string(p, v, "includes.users[].name");
                case "location" -> u.location = string(p, v, "includes.users[].location");
                case "description" -> u.description = string(p, v, "includes.users[].description");
                case "public_metrics" -> {
                    if (objectOrNull(p, v, "includes.users[].public_metrics")) {
                        for (JsonToken m = p.nextToken(); m == JsonToken.FIELD_NAME; m = p.nextToken()) {
                            String metric = p.currentName();
                            JsonToken n = p.nextToken();
                            switch (metric) {
                                case "followers_count" -> u.followersCount = count(p, n, "includes.users[].public_metrics.followers_count");
                                case "following_count" -> u.followingCount = count(p, n, "includes.users[].public_metrics.following_count");
                                case "tweet_count" -> u.tweetCount = count(p, n, "includes.users[].public_metrics.tweet_count");
                                default -> p.skipChildren();
                            }
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        return u;
    }

    private static void readRules(JsonParser p, JsonToken v, TweetFields f) throws IOException, InvalidTweetException {
        if (!arrayOrNull(p, v, "matching_rules")) {
            return;
        }
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            expect(p, e, JsonToken.START_OBJECT, "matching_rules[]");
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken s = p.nextToken();
                String tag = "tag".equals(name) ? string(p, s, "matching_rules[].tag") : null;
                if (tag != null) {
                    f.matchingRuleTags.add(tag);
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private static String string(JsonParser p, JsonToken v, String path) throws IOException, InvalidTweetException {
        if (v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new InvalidTweetException(path + " is not a string");
    }

    private static Long count(JsonParser p, JsonToken v, String path) throws IOException, InvalidTweetException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            try {
                return p.getLongValue();
            } catch (JsonProcessingException e) {
                throw new InvalidTweetException(path + " does not fit in 64 bits", e);
            }
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new InvalidTweetException(path + " is not an integer");
    }

    private static boolean objectOrNull(JsonParser p, JsonToken v, String path) throws InvalidTweetException {
        if (v == JsonToken.VALUE_NULL) {
            return false;
        }
        expect(p, v, JsonToken.START_OBJECT, path);
        return true;
    }

    private static boolean arrayOrNull(JsonParser p, JsonToken v, String path) throws InvalidTweetException {
        if (v == JsonToken.VALUE_NULL) {
            return false;
        }
        expect(p, v, JsonToken.START_ARRAY, path);
        return true;
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String path) throws InvalidTweetException {
        if (actual != expected) {
            String what = expected == JsonToken.START_OBJECT ? "an object" : "an array";
            throw new InvalidTweetException(path + " is not " + what);
        }
    }

    /** Decodes strictly: a message that is not valid UTF-8 could not be stored byte-exact as text. */
    private static String utf8(byte[] buf, int off, int len) throws InvalidTweetException {
        String s = new String(buf, off, len, StandardCharsets.UTF_8);
        // the decoder substitutes U+FFFD for invalid input; only then is the slower exact check needed
        if (s.indexOf('\uFFFD') >= 0
                && !Arrays.equals(s.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(buf, off, off + len))) {
            throw new InvalidTweetException("message is not valid UTF-8");
        }
        return s;
    }
}
