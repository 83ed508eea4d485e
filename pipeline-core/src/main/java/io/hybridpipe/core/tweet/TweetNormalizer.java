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

import static io.hybridpipe.core.tweet.JsonWalk.count;
import static io.hybridpipe.core.tweet.JsonWalk.elementString;
import static io.hybridpipe.core.tweet.JsonWalk.expect;
import static io.hybridpipe.core.tweet.JsonWalk.fields;
import static io.hybridpipe.core.tweet.JsonWalk.object;
import static io.hybridpipe.core.tweet.JsonWalk.objects;
import static io.hybridpipe.core.tweet.JsonWalk.string;

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
        boolean[] hasDataOrErrors = new boolean[2];
        fields(p, (name, v) -> {
            switch (name) {
                case "data" -> {
                    expect(v, JsonToken.START_OBJECT, "data");
                    hasDataOrErrors[0] = true;
                    fields(p, (field, value) -> readDataField(p, field, value, f));
                }
                case "includes" -> object(p, v, "includes", (field, value) -> {
                    if ("users".equals(field)) {
                        objects(p, value, "includes.users", () -> f.users.add(readUser(p)));
                    } else {
                        p.skipChildren();
                    }
                });
                case "matching_rules" -> objects(p, v, "matching_rules", () -> fields(p, (field, value) -> {
                    String tag = "tag".equals(field) ? string(p, value, "matching_rules[].tag") : null;
                    if (tag != null) {
                        f.matchingRuleTags.add(tag);
                    } else {
                        p.skipChildren();
                    }
                }));
                case "errors" -> {
                    hasDataOrErrors[1] = true;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        });
        if (p.nextToken() != null) {
            throw new InvalidTweetException("malformed JSON: more than one JSON value in the message");
        }
        if (!hasDataOrErrors[0]) {
            throw new InvalidTweetException(hasDataOrErrors[1] ? "not a tweet message: errors" : "not a tweet message: no data");
        }
    }

    private static void readDataField(JsonParser p, String name, JsonToken v, TweetFields f) throws IOException, InvalidTweetException {
        switch (name) {
            case "id" -> f.id = string(p, v, "data.id");
            case "text" -> f.text = string(p, v, "data.text");
            case "source" -> f.source = string(p, v, "data.source");
            case "author_id" -> f.authorId = string(p, v, "data.author_id");
            case "created_at" -> f.createdAtText = string(p, v, "data.created_at");
            case "lang" -> f.lang = string(p, v, "data.lang");
            case "conversation_id" -> f.conversationId = string(p, v, "data.conversation_id");
            case "in_reply_to_user_id" -> f.inReplyToUserId = string(p, v, "data.in_reply_to_user_id");
            case "public_metrics" -> object(p, v, "data.public_metrics", (metric, m) -> {
                switch (metric) {
                    case "retweet_count" -> f.retweetCount = count(p, m, "data.public_metrics.retweet_count");
                    case "reply_count" -> f.replyCount = count(p, m, "data.public_metrics.reply_count");
                    case "like_count" -> f.likeCount = count(p, m, "data.public_metrics.like_count");
                    case "quote_count" -> f.quoteCount = count(p, m, "data.public_metrics.quote_count");
                    default -> p.skipChildren();
                }
            });
            case "referenced_tweets" -> objects(p, v, "data.referenced_tweets", () -> readReferencedTweet(p, f));
            case "entities" -> object(p, v, "data.entities", (entity, list) -> {
                switch (entity) {
                    case "hashtags" -> readEntityList(p, list, "data.entities.hashtags", "tag", null, f.hashtags);
                    case "mentions" -> readEntityList(p, list, "data.entities.mentions", "username", null, f.mentions);
                    case "urls" -> readEntityList(p, list, "data.entities.urls", "expanded_url", "url", f.urls);
                    default -> p.skipChildren();
                }
            });
            default -> p.skipChildren();
        }
    }

    /** {@code retweeted} marks a retweet; {@code replied_to} names the tweet replied to; {@code quoted} is neither. */
    private static void readReferencedTweet(JsonParser p, TweetFields f) throws IOException, InvalidTweetException {
        String[] typeAndId = new String[2];
        fields(p, (name, v) -> {
            switch (name) {
                case "type" -> typeAndId[0] = string(p, v, "data.referenced_tweets[].type");
                case "id" -> typeAndId[1] = string(p, v, "data.referenced_tweets[].id");
                default -> p.skipChildren();
            }
        });
        if ("retweeted".equals(typeAndId[0])) {
            f.isRetweet = true;
        } else if ("replied_to".equals(typeAndId[0])) {
            f.inReplyToTweetId = typeAndId[1];
        }
    }

    /** Collects {@code preferred} (or {@code fallback} when absent) of every object of an entity array. */
    private static void readEntityList(JsonParser p, JsonToken v, String path, String preferred, String fallback,
                                       List<String> into) throws IOException, InvalidTweetException {
        objects(p, v, path, () -> {
            String[] bestAndSecond = new String[2];
            fields(p, (name, s) -> {
                if (name.equals(preferred)) {
                    bestAndSecond[0] = elementString(p, s, path, name);
                } else if (name.equals(fallback)) {
                    bestAndSecond[1] = elementString(p, s, path, name);
                } else {
                    p.skipChildren();
                }
            });
            String value = bestAndSecond[0] != null ? bestAndSecond[0] : bestAndSecond[1];
            if (value == null) {
                throw new InvalidTweetException(path + "[] without " + preferred);
            }
            into.add(value);
        });
    }

    private static IncludedUser readUser(JsonParser p) throws IOException, InvalidTweetException {
        IncludedUser u = new IncludedUser();
        fields(p, (name, v) -> {
            switch (name) {
                case "id" -> u.id = string(p, v, "includes.users[].id");
                case "username" -> u.username = string(p, v, "includes.users[].username");
                case "name" -> u.name = string(p, v, "includes.users[].name");
                case "location" -> u.location = string(p, v, "includes.users[].location");
                case "description" -> u.description = string(p, v, "includes.users[].description");
                case "public_metrics" -> object(p, v, "includes.users[].public_metrics", (metric, n) -> {
                    switch (metric) {
                        case "followers_count" -> u.followersCount = count(p, n, "includes.users[].public_metrics.followers_count");
                        case "following_count" -> u.followingCount = count(p, n, "includes.users[].public_metrics.following_count");
                        case "tweet_count" -> u.tweetCount = count(p, n, "includes.users[].public_metrics.tweet_count");
                        default -> p.skipChildren();
                    }
                });
                default -> p.skipChildren();
            }
        });
        return u;
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
