package io.hybridpipe.core.tweet;

import io.hybridpipe.core.testing.GeneratedTweet;
import io.hybridpipe.core.testing.TweetGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TweetNormalizerTest {
    private static final Instant INGESTED = Instant.parse("2026-11-28T12:00:05.123Z");
    private final TweetNormalizer normalizer = new TweetNormalizer();

    private CanonicalTweet normalize(String json) throws InvalidTweetException {
        return normalizer.normalize(json, INGESTED);
    }

    private String reasonFor(String json) {
        try {
            normalize(json);
        } catch (InvalidTweetException e) {
            return e.reason();
        }
        throw new AssertionError("expected an InvalidTweetException for " + json);
    }

    @Test
    void everyGeneratedTweetNormalisesToItsExpectedRecordWithAByteExactPayload() throws InvalidTweetException {
        int checked = 0;
        for (long seed = 1; seed <= 5; seed++) {
            for (GeneratedTweet g : new TweetGenerator(seed, INGESTED).next(1000)) {
                byte[] bytes = g.bytes();
                CanonicalTweet t = normalizer.normalize(bytes, 0, bytes.length, INGESTED);
                // plain equals first: AssertJ's per-call cost dominates 5000 iterations; it reports any mismatch
                if (!t.equals(g.expected()) || !Arrays.equals(t.payload().getBytes(StandardCharsets.UTF_8), bytes)) {
                    assertThat(t).as(g.json()).isEqualTo(g.expected());
                    assertThat(t.payload().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(5000);
    }

    @Test
    void fullV2MessageMapsEveryColumn() throws InvalidTweetException {
        String json = """
                {"matching_rules":[{"id":"1","tag":"nifi"},{"id":"2","tag":"big, data"}],
                 "includes":{"users":[
                   {"id":"300","username":"mentioned","name":"Someone Else","public_metrics":{"followers_count":1,"following_count":1,"tweet_count":1}},
                   {"id":"200","username":"author","name":"Ａｕｔｈｏｒ 😀","location":"Paris","description":"bio",
                    "public_metrics":{"followers_count":10,"following_count":20,"tweet_count":30,"listed_count":4}}]},
                 "data":{"id":"100","text":"RT @x: hi #nifi @mentioned https://t.co/a","author_id":"200","source":"Twitter Web App",
                   "created_at":"2026-11-28T07:59:59.999Z","lang":"en","conversation_id":"90","in_reply_to_user_id":"300",
                   "public_metrics":{"retweet_count":1,"reply_count":2,"like_count":3,"quote_count":4,"impression_count":5},
                   "referenced_tweets":[{"type":"retweeted","id":"80"},{"type":"replied_to","id":"81"}],
                   "entities":{"hashtags":[{"start":10,"end":15,"tag":"nifi"}],"mentions":[{"username":"mentioned","id":"300"}],
                     "urls":[{"url":"https://t.co/a","expanded_url":"https://example.org/a"},{"url":"https://t.co/b"}]}}}""";
        CanonicalTweet t = normalize(json);
        assertThat(t.id()).isEqualTo("100");
        assertThat(t.text()).isEqualTo("RT @x: hi #nifi @mentioned https://t.co/a");
        assertThat(t.source()).isEqualTo("Twitter Web App");
        assertThat(t.isRetweet()).isTrue();
        assertThat(t.authorId()).isEqualTo("200");
        assertThat(t.authorUsername()).isEqualTo("author");
        assertThat(t.authorName()).isEqualTo("Ａｕｔｈｏｒ 😀");
        assertThat(t.authorLocation()).isEqualTo("Paris");
        assertThat(t.authorDescription()).isEqualTo("bio");
        assertThat(t.createdAt()).isEqualTo(Instant.parse("2026-11-28T07:59:59.999Z"));
        assertThat(t.retweetCount()).isEqualTo(1L);
        assertThat(t.replyCount()).isEqualTo(2L);
        assertThat(t.likeCount()).isEqualTo(3L);
        assertThat(t.quoteCount()).isEqualTo(4L);
        assertThat(t.inReplyToUserId()).isEqualTo("300");
        assertThat(t.inReplyToTweetId()).isEqualTo("81");
        assertThat(t.authorFollowersCount()).isEqualTo(10L);
        assertThat(t.authorFollowingCount()).isEqualTo(20L);
        assertThat(t.authorTweetCount()).isEqualTo(30L);
        assertThat(t.lang()).isEqualTo("en");
        assertThat(t.conversationId()).isEqualTo("90");
        assertThat(t.hashtags()).containsExactly("nifi");
        assertThat(t.mentions()).containsExactly("mentioned");
        assertThat(t.urls()).containsExactly("https://example.org/a", "https://t.co/b");
        assertThat(t.matchingRuleTags()).containsExactly("nifi", "big, data");
        assertThat(t.ingestedAt()).isEqualTo(INGESTED);
        assertThat(t.payload()).isEqualTo(json);
    }

    @Test
    void minimalTweetHasNullsForWhatXDidNotSendAndEmptyLists() throws InvalidTweetException {
        CanonicalTweet t = normalize("{\"data\":{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\"}}");
        assertThat(t.source()).isNull();
        assertThat(t.isRetweet()).isFalse();
        assertThat(t.authorId()).isNull();
        assertThat(t.authorUsername()).isNull();
        assertThat(t.retweetCount()).isNull();
        assertThat(t.authorFollowersCount()).isNull();
        assertThat(t.inReplyToTweetId()).isNull();
        assertThat(t.hashtags()).isEmpty();
        assertThat(t.matchingRuleTags()).isEmpty();
    }

    @Test
    void authorWithoutMatchingIncludedUserHasNoAuthorDetails() throws InvalidTweetException {
        CanonicalTweet t = normalize("{\"data\":{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\",\"author_id\":\"5\"},"
                + "\"includes\":{\"users\":[{\"id\":\"6\",\"username\":\"not_the_author\"}]}}");
        assertThat(t.authorId()).isEqualTo("5");
        assertThat(t.authorUsername()).isNull();
    }

    @Test
    void quotedTweetIsNeitherARetweetNorAReply() throws InvalidTweetException {
        CanonicalTweet t = normalize("{\"data\":{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\","
                + "\"referenced_tweets\":[{\"type\":\"quoted\",\"id\":\"2\"}]}}");
        assertThat(t.isRetweet()).isFalse();
        assertThat(t.inReplyToTweetId()).isNull();
    }

    @Test
    void unknownFieldsAreKeptInThePayload() throws InvalidTweetException {
        String json = "{\"data\":{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\",\"note_tweet\":{\"text\":\"long\"}},"
                + "\"brand_new\":{\"deep\":[1,{\"x\":null}]}}";
        CanonicalTweet t = normalize(json);
        assertThat(t.payload()).isEqualTo(json).contains("\"brand_new\":{\"deep\":[1,{\"x\":null}]}").contains("note_tweet");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "😀 grinning, 👨‍👩‍👧 family, 🇫🇷 flag, 𝕏 math",
        "مرحبا بالعالم — שלום עולם",
        "mixed ltr עברית rtl العربية 123",
        "e\u0301 combining, \u200f rlm, \u2028 line separator, \u0000 nul"})
    void unicodeTextRoundTripsAndPayloadStaysByteExact(String text) throws InvalidTweetException {
        String escaped = text.replace("\u0000", "\\u0000").replace("\u2028", "\\u2028");
        String json = "{\"data\":{\"id\":\"1\",\"text\":\"" + escaped + "\",\"created_at\":\"2026-11-28T00:00:00.000Z\"}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        CanonicalTweet t = normalizer.normalize(bytes, 0, bytes.length, INGESTED);
        assertThat(t.text()).isEqualTo(text);
        assertThat(t.payload().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
    }

    @Test
    void escapedSurrogatePairsDecodeToTheCharacterWhileThePayloadKeepsTheEscapes() throws InvalidTweetException {
        String json = "{\"data\":{\"id\":\"1\",\"text\":\"\\ud83d\\ude00 \\u05e9\",\"created_at\":\"2026-11-28T00:00:00.000Z\"}}";
        CanonicalTweet t = normalize(json);
        assertThat(t.text()).isEqualTo("😀 ש");
        assertThat(t.payload()).contains("\\ud83d\\ude00");
    }

    @Test
    void normalisesASliceOfALargerBuffer() throws InvalidTweetException {
        String json = "{\"data\":{\"id\":\"1\",\"text\":\"😀\",\"created_at\":\"2026-11-28T00:00:00.000Z\"}}";
        byte[] line = json.getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[line.length + 10];
        System.arraycopy(line, 0, buf, 5, line.length);
        assertThat(normalizer.normalize(buf, 5, line.length, INGESTED).payload()).isEqualTo(json);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"errors\":[{\"title\":\"operational-disconnect\"}]}                                  | not a tweet message: errors",
        "{\"something\":1}                                                                      | not a tweet message: no data",
        "[1]                                                                                    | not a tweet message: top-level JSON is [, not an object",
        "{\"data\":{\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\"}}                 | missing data.id",
        "{\"data\":{\"id\":\"1\",\"created_at\":\"2026-11-28T00:00:00.000Z\"}}                   | missing data.text",
        "{\"data\":{\"id\":\"1\",\"text\":\"t\"}}                                                | missing data.created_at",
        "{\"data\":{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"yesterday\"}}                   | data.created_at is not an ISO-8601 instant: yesterday",
        "{\"data\":{\"id\":1,\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\"}}        | data.id is not a string",
        "{\"data\":[]}                                                                          | data is not an object",
        "{\"data\":{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\",\"public_metrics\":{\"like_count\":\"many\"}}} | data.public_metrics.like_count is not an integer",
        "{\"data\":{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\",\"entities\":{\"hashtags\":[{\"start\":1}]}}} | data.entities.hashtags[] without tag",
        "{\"data\":{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\",\"entities\":{\"urls\":[{\"url\":7}]}}} | data.entities.urls[].url is not a string",
        "{\"data\":{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\",\"entities\":{\"mentions\":[\"@a\"]}}} | data.entities.mentions[] is not an object",
        "{\"data\":{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\"},\"matching_rules\":[1]} | matching_rules[] is not an object",
        "{\"data\":{\"id\":\"1\"}} {}                                                            | malformed JSON: more than one JSON value in the message",
        "{\"data\":{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\",\"public_metrics\":{\"like_count\":99999999999999999999}}} | data.public_metrics.like_count does not fit in 64 bits",
        "''                                                                                     | empty message"})
    void invalidMessagesAreRejectedWithTheirReason(String json, String reason) {
        assertThat(reasonFor(json)).isEqualTo(reason);
    }

    @Test
    void malformedJsonReasonNamesTheByteOffset() {
        assertThat(reasonFor("{\"data\":{\"id\":\"1\",}")).startsWith("malformed JSON at byte ");
    }

    @Test
    void invalidUtf8IsRejectedRatherThanAltered() {
        byte[] bytes = "{\"data\":{\"id\":\"1\",\"text\":\"AB\",\"created_at\":\"2026-11-28T00:00:00.000Z\"},\"x\":\"CD\"}"
                .getBytes(StandardCharsets.UTF_8);
        int inSkippedField = bytes.length - 3;
        bytes[inSkippedField] = (byte) 0xC3; // a lone lead byte inside a field the normaliser skips
        assertThatThrownBy(() -> normalizer.normalize(bytes, 0, bytes.length, INGESTED))
                .isInstanceOf(InvalidTweetException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void aGenuineReplacementCharacterIsNotMistakenForInvalidUtf8() throws InvalidTweetException {
        CanonicalTweet t = normalize("{\"data\":{\"id\":\"1\",\"text\":\"\uFFFD\",\"created_at\":\"2026-11-28T00:00:00.000Z\"}}");
        assertThat(t.text()).isEqualTo("\uFFFD");
    }

    @Test
    void nullValuesAreTreatedAsAbsent() throws InvalidTweetException {
        CanonicalTweet t = normalize("{\"data\":{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"2026-11-28T00:00:00.000Z\",\"source\":null,"
                + "\"public_metrics\":null,\"entities\":null,\"referenced_tweets\":null},\"includes\":null,\"matching_rules\":null}");
        assertThat(t.source()).isNull();
        assertThat(t.likeCount()).isNull();
        assertThat(t.hashtags()).isEmpty();
    }

    @Test
    void everyTruncationOfAGeneratedTweetIsRejectedNeverThrowingAnythingElse() {
        byte[] full = new TweetGenerator(11L, INGESTED).next().bytes();
        for (int len = 0; len < full.length; len++) {
            int n = len;
            assertThatThrownBy(() -> normalizer.normalize(full, 0, n, INGESTED)).isInstanceOf(InvalidTweetException.class);
        }
    }

    @Test
    void sameInputSameRecord() throws InvalidTweetException {
        List<GeneratedTweet> tweets = new TweetGenerator(3L, INGESTED).next(50);
        for (GeneratedTweet g : tweets) {
            assertThat(normalize(g.json())).isEqualTo(normalize(g.json()));
        }
    }
}
