package io.hybridpipe.embedded.x;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link GeneratedTweet} as one X v2 stream line ({@code {"data":..,"includes":..,"matching_rules":..}}
 * followed by {@code \r\n}) with exactly the fields a connection asked for. As on X, {@code data} always has
 * {@code id}, {@code text} and {@code edit_history_tweet_ids}; everything else only when requested.
 * Posts stamped from a pool post are rendered once per pool post and field selection, then filled in
 * ({@link LineTemplate}). Rendered through a character writer, so characters outside the BMP go out as raw 4-byte UTF-8 (as X sends
 * them) rather than as escaped surrogate pairs. One instance per thread.
 */
final class TweetRenderer {

    private static final JsonFactory JSON = new JsonFactory();

    private final StringWriter buffer = new StringWriter(4096);
    private final Map<FieldSelection, Map<GeneratedTweet, LineTemplate>> templates = new IdentityHashMap<>();
    private final Map<List<StreamRule>, byte[]> matchingCache = new HashMap<>();
    private long cachedTimeBytesMillis = Long.MIN_VALUE;
    private byte[] cachedTimeBytes;
    private long cachedMillis = Long.MIN_VALUE;
    private String cachedTime;

    /** @param matchingRules the rules for {@code matching_rules}, or null on the sample stream */
    byte[] render(GeneratedTweet tweet, FieldSelection fields, List<StreamRule> matchingRules) {
        if (tweet.prototype == null) {
            return renderLine(tweet, fields, matchingRules, tweet.id, time(tweet.createdAtMillis), tweet.conversationId);
        }
        LineTemplate template = templates.computeIfAbsent(fields, f -> new IdentityHashMap<>())
                .computeIfAbsent(tweet.prototype, p -> LineTemplate.of(renderLine(p, fields, null, LineTemplate.ID,
                        LineTemplate.TIME, p.startsConversation() ? LineTemplate.ID : p.conversationId)));
        byte[] matching = matchingRules == null ? null : matchingRulesJson(matchingRules);
        return template.fill(tweet.id.getBytes(StandardCharsets.US_ASCII), timeBytes(tweet.createdAtMillis), matching);
    }

    private byte[] renderLine(GeneratedTweet tweet, FieldSelection fields, List<StreamRule> matchingRules,
                              String id, String createdAt, String conversationId) {
        buffer.getBuffer().setLength(0);
        try (JsonGenerator json = JSON.createGenerator(buffer)) {
            json.writeStartObject();
            json.writeFieldName("data");
            writeTweet(json, tweet, fields, id, createdAt, conversationId);
            writeIncludes(json, tweet, fields);
            if (matchingRules != null) {
                writeMatchingRules(json, matchingRules);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering tweet " + tweet.id, e);
        }
        buffer.write("\r\n");
        return buffer.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code ,"matching_rules":[...]}, cached because the same few rule combinations recur. */
    private byte[] matchingRulesJson(List<StreamRule> rules) {
        byte[] cached = matchingCache.get(rules);
        if (cached != null) {
            return cached;
        }
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            writeMatchingRules(json, rules);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering matching rules " + rules, e);
        }
        String object = out.toString();
        byte[] fragment = ("," + object.substring(1, object.length() - 1)).getBytes(StandardCharsets.UTF_8);
        if (matchingCache.size() > 10_000) {
            matchingCache.clear();
        }
        matchingCache.put(List.copyOf(rules), fragment);
        return fragment;
    }

    private static void writeMatchingRules(JsonGenerator json, List<StreamRule> rules) throws IOException {
        json.writeArrayFieldStart("matching_rules");
        for (StreamRule rule : rules) {
            json.writeStartObject();
            json.writeStringField("id", rule.id());
            json.writeStringField("tag", rule.tag() == null ? "" : rule.tag());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeTweet(JsonGenerator json, GeneratedTweet tweet, FieldSelection fields, String id,
                            String createdAt, String conversationId) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeStringField("text", tweet.text);
        json.writeArrayFieldStart("edit_history_tweet_ids");
        json.writeString(id);
        json.writeEndArray();
        if (fields.tweet("author_id")) {
            json.writeStringField("author_id", tweet.author.id());
        }
        if (fields.tweet("created_at")) {
            json.writeStringField("created_at", createdAt);
        }
        if (fields.tweet("lang")) {
            json.writeStringField("lang", tweet.lang);
        }
        if (fields.tweet("conversation_id")) {
            json.writeStringField("conversation_id", conversationId);
        }
        if (fields.tweet("in_reply_to_user_id") && tweet.inReplyToUserId != null) {
            json.writeStringField("in_reply_to_user_id", tweet.inReplyToUserId);
        }
        if (fields.tweet("referenced_tweets") && tweet.reference != null) {
            json.writeArrayFieldStart("referenced_tweets");
            json.writeStartObject();
            json.writeStringField("type", tweet.reference.type());
            json.writeStringField("id", tweet.reference.tweet().id);
            json.writeEndObject();
            json.writeEndArray();
        }
        if (fields.tweet("entities")) {
            writeEntities(json, tweet);
        }
        if (fields.tweet("public_metrics")) {
            TweetEntities.PublicMetrics m = tweet.metrics;
            json.writeObjectFieldStart("public_metrics");
            json.writeNumberField("retweet_count", m.retweetCount());
            json.writeNumberField("reply_count", m.replyCount());
            json.writeNumberField("like_count", m.likeCount());
            json.writeNumberField("quote_count", m.quoteCount());
            json.writeNumberField("bookmark_count", m.bookmarkCount());
            json.writeNumberField("impression_count", m.impressionCount());
            json.writeEndObject();
        }
        if (fields.tweet("possibly_sensitive")) {
            json.writeBooleanField("possibly_sensitive", tweet.possiblySensitive);
        }
        if (fields.tweet("source") && tweet.source != null) {
            json.writeStringField("source", tweet.source);
        }
        if (fields.tweet("note_tweet") && tweet.isLongPost()) {
            json.writeObjectFieldStart("note_tweet");
            json.writeStringField("text", tweet.text);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void writeEntities(JsonGenerator json, GeneratedTweet tweet) throws IOException {
        if (tweet.hashtags.isEmpty() && tweet.mentions.isEmpty() && tweet.urls.isEmpty()) {
            return;
        }
        json.writeObjectFieldStart("entities");
        if (!tweet.hashtags.isEmpty()) {
            json.writeArrayFieldStart("hashtags");
            for (TweetEntities.Hashtag h : tweet.hashtags) {
                json.writeStartObject();
                json.writeNumberField("start", h.start());
                json.writeNumberField("end", h.end());
                json.writeStringField("tag", h.tag());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (!tweet.mentions.isEmpty()) {
            json.writeArrayFieldStart("mentions");
            for (TweetEntities.Mention m : tweet.mentions) {
                json.writeStartObject();
                json.writeNumberField("start", m.start());
                json.writeNumberField("end", m.end());
                json.writeStringField("username", m.user().username());
                json.writeStringField("id", m.user().id());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (!tweet.urls.isEmpty()) {
            json.writeArrayFieldStart("urls");
            for (TweetEntities.Url u : tweet.urls) {
                json.writeStartObject();
                json.writeNumberField("start", u.start());
                json.writeNumberField("end", u.end());
                json.writeStringField("url", u.url());
                json.writeStringField("expanded_url", u.expandedUrl());
                json.writeStringField("display_url", u.displayUrl());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private void writeIncludes(JsonGenerator json, GeneratedTweet tweet, FieldSelection fields) throws IOException {
        Map<String, XUser> users = new LinkedHashMap<>();
        if (fields.expansion("author_id")) {
            users.put(tweet.author.id(), tweet.author);
        }
        if (fields.expansion("in_reply_to_user_id") && tweet.inReplyToUserId != null) {
            users.put(tweet.reference.tweet().author.id(), tweet.reference.tweet().author);
        }
        if (fields.expansion("entities.mentions.username")) {
            tweet.mentions.forEach(m -> users.putIfAbsent(m.user().id(), m.user()));
        }
        if (fields.expansion("referenced_tweets.id.author_id") && tweet.reference != null) {
            users.putIfAbsent(tweet.reference.tweet().author.id(), tweet.reference.tweet().author);
        }
        boolean referenced = fields.expansion("referenced_tweets.id") && tweet.reference != null;
        if (users.isEmpty() && !referenced) {
            return;
        }
        json.writeObjectFieldStart("includes");
        if (!users.isEmpty()) {
            json.writeArrayFieldStart("users");
            for (XUser user : users.values()) {
                writeUser(json, user, fields);
            }
            json.writeEndArray();
        }
        if (referenced) {
            json.writeArrayFieldStart("tweets");
            GeneratedTweet referencedTweet = tweet.reference.tweet();
            writeTweet(json, referencedTweet, fields, referencedTweet.id, time(referencedTweet.createdAtMillis),
                    referencedTweet.conversationId);
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private void writeUser(JsonGenerator json, XUser user, FieldSelection fields) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", user.id());
        json.writeStringField("name", user.name());
        json.writeStringField("username", user.username());
        if (fields.user("created_at")) {
            json.writeStringField("created_at", time(user.createdAtMillis()));
        }
        if (fields.user("description")) {
            json.writeStringField("description", user.description());
        }
        if (fields.user("location") && user.location() != null) {
            json.writeStringField("location", user.location());
        }
        if (fields.user("protected")) {
            json.writeBooleanField("protected", user.isProtected());
        }
        if (fields.user("verified")) {
            json.writeBooleanField("verified", user.verified());
        }
        if (fields.user("public_metrics")) {
            json.writeObjectFieldStart("public_metrics");
            json.writeNumberField("followers_count", user.followersCount());
            json.writeNumberField("following_count", user.followingCount());
            json.writeNumberField("tweet_count", user.tweetCount());
            json.writeNumberField("listed_count", user.listedCount());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private byte[] timeBytes(long millis) {
        if (millis != cachedTimeBytesMillis) {
            cachedTimeBytesMillis = millis;
            cachedTimeBytes = XTime.format(millis).getBytes(StandardCharsets.US_ASCII);
        }
        return cachedTimeBytes;
    }

    private String time(long millis) {
        if (millis != cachedMillis) {
            cachedMillis = millis;
            cachedTime = XTime.format(millis);
        }
        return cachedTime;
    }
}
