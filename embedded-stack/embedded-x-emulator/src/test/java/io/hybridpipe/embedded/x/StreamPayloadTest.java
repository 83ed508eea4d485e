package io.hybridpipe.embedded.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamPayloadTest {

    private static final String ALL_FIELDS = "?tweet.fields=author_id,created_at,lang,conversation_id,entities,"
            + "public_metrics,referenced_tweets,in_reply_to_user_id,source,possibly_sensitive"
            + "&expansions=author_id&user.fields=location,description,public_metrics";

    private XApiEmulator x;

    @BeforeEach
    void start() {
        x = XApiEmulator.builder().port(0).bearerToken("t").seed(7L).build().start();
    }

    @AfterEach
    void stop() {
        x.close();
    }

    private RawStreamClient connect(String pathAndQuery) throws Exception {
        int before = x.activeConnections();
        RawStreamClient client = RawStreamClient.open(x, pathAndQuery, "t").startReading();
        await().atMost(Duration.ofSeconds(5)).until(() -> x.activeConnections() == before + 1);
        return client;
    }

    @Test
    void sampleStreamCarriesEveryPostWithRequestedFieldsAndNoMatchingRules() throws Exception {
        try (RawStreamClient stream = connect("/2/tweets/sample/stream" + ALL_FIELDS)) {
            Instant before = Instant.now().minusMillis(1);
            List<String> ids = x.emit(50);
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.payloads().size() == 50);
            List<String> received = new ArrayList<>();
            for (String line : stream.payloads()) {
                JsonNode post = Http.json(line);
                JsonNode data = post.path("data");
                received.add(data.path("id").asText());
                assertThat(post.has("matching_rules")).isFalse();
                assertThat(data.path("edit_history_tweet_ids").get(0).asText()).isEqualTo(data.path("id").asText());
                assertThat(data.path("author_id").asText()).isNotEmpty();
                assertThat(data.path("lang").asText()).isNotEmpty();
                assertThat(data.path("conversation_id").asText()).isNotEmpty();
                assertThat(data.path("public_metrics").has("like_count")).isTrue();
                String createdAt = data.path("created_at").asText();
                assertThat(createdAt).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
                assertThat(Instant.parse(createdAt)).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                JsonNode user = post.path("includes").path("users").get(0);
                assertThat(user.path("id").asText()).isEqualTo(data.path("author_id").asText());
                assertThat(user.path("username").asText()).isNotEmpty();
                assertThat(user.path("name").asText()).isNotEmpty();
                assertThat(user.path("public_metrics").has("followers_count")).isTrue();
                assertThat(user.path("public_metrics").has("following_count")).isTrue();
                assertThat(user.path("public_metrics").has("tweet_count")).isTrue();
                assertThat(user.has("description")).isTrue();
            }
            assertThat(received).isEqualTo(ids);
            assertThat(x.sentTweetIds()).isEqualTo(ids);
        }
    }

    @Test
    void withoutFieldParametersOnlyTheDefaultFieldsArrive() throws Exception {
        try (RawStreamClient stream = connect("/2/tweets/sample/stream")) {
            x.emit(20);
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.payloads().size() == 20);
            for (String line : stream.payloads()) {
                JsonNode post = Http.json(line);
                List<String> names = new ArrayList<>();
                post.path("data").fieldNames().forEachRemaining(names::add);
                assertThat(names).containsExactly("id", "text", "edit_history_tweet_ids");
                assertThat(post.has("includes")).isFalse();
            }
        }
    }

    @Test
    void filteredStreamCarriesOnlyMatchesWithTheirRules() throws Exception {
        StreamRule cats = x.addRule("cat OR kitten", "pets");
        StreamRule nifi = x.addRule("#nifi", "nifi");
        try (RawStreamClient filtered = connect("/2/tweets/search/stream?tweet.fields=entities");
             RawStreamClient sample = connect("/2/tweets/sample/stream")) {
            List<String> ids = x.emit(40);
            await().atMost(Duration.ofSeconds(5)).until(() -> filtered.payloads().size() == 40 && sample.payloads().size() == 40);
            for (String line : filtered.payloads()) {
                JsonNode post = Http.json(line);
                List<String> ruleIds = new ArrayList<>();
                post.path("matching_rules").forEach(r -> ruleIds.add(r.path("id").asText()));
                assertThat(ruleIds).isNotEmpty();
                String text = post.path("data").path("text").asText().toLowerCase(java.util.Locale.ROOT);
                boolean hasNifiTag = false;
                for (JsonNode tag : post.path("data").path("entities").path("hashtags")) {
                    hasNifiTag |= tag.path("tag").asText().equalsIgnoreCase("nifi");
                }
                List<String> tokens = TextTokens.of(text);
                assertThat(ruleIds.contains(cats.id())).isEqualTo(tokens.contains("cat") || tokens.contains("kitten"));
                assertThat(ruleIds.contains(nifi.id())).isEqualTo(hasNifiTag);
                for (JsonNode rule : post.path("matching_rules")) {
                    assertThat(rule.path("tag").asText()).isEqualTo(rule.path("id").asText().equals(cats.id()) ? "pets" : "nifi");
                }
            }
            assertThat(x.sentTweetIds()).hasSize(80);
            assertThat(x.distinctSentTweetIds()).isEqualTo(ids);
        }
    }

    @Test
    void filteredStreamWithoutRulesCarriesNoPosts() throws Exception {
        try (RawStreamClient filtered = connect("/2/tweets/search/stream");
             RawStreamClient sample = connect("/2/tweets/sample/stream")) {
            x.emit(10);
            await().atMost(Duration.ofSeconds(5)).until(() -> sample.payloads().size() == 10);
            assertThat(filtered.payloads()).isEmpty();
            assertThat(x.sentTweetIds()).hasSize(10);
        }
    }

    @Test
    void ruleChangesApplyToOpenStreamsWithoutReconnecting() throws Exception {
        try (RawStreamClient filtered = connect("/2/tweets/search/stream")) {
            x.emit(5);
            x.addRule("dog", "dogs");
            x.emit(5);
            await().atMost(Duration.ofSeconds(5)).until(() -> filtered.payloads().size() == 5);
            Iterator<String> lines = filtered.payloads().iterator();
            assertThat(Http.json(lines.next()).path("matching_rules").get(0).path("tag").asText()).isEqualTo("dogs");
        }
    }

    @Test
    void expansionsFillIncludesForRepliesAndReferencedPosts() throws Exception {
        try (RawStreamClient stream = connect("/2/tweets/sample/stream?tweet.fields=referenced_tweets,"
                + "in_reply_to_user_id,author_id&expansions=in_reply_to_user_id,referenced_tweets.id,"
                + "entities.mentions.username")) {
            x.emit(300);
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.payloads().size() == 300);
            int replies = 0;
            for (String line : stream.payloads()) {
                JsonNode post = Http.json(line);
                JsonNode referenced = post.path("data").path("referenced_tweets");
                if (referenced.isMissingNode()) {
                    continue;
                }
                String referencedId = referenced.get(0).path("id").asText();
                assertThat(post.path("includes").path("tweets").get(0).path("id").asText()).isEqualTo(referencedId);
                if (referenced.get(0).path("type").asText().equals("replied_to")) {
                    replies++;
                    String replyTo = post.path("data").path("in_reply_to_user_id").asText();
                    List<String> userIds = new ArrayList<>();
                    post.path("includes").path("users").forEach(u -> userIds.add(u.path("id").asText()));
                    assertThat(userIds).contains(replyTo);
                }
            }
            assertThat(replies).isGreaterThan(10);
        }
    }

    @Test
    void aBurstLargerThanOneWriterPassArrivesComplete() throws Exception {
        try (RawStreamClient stream = connect("/2/tweets/sample/stream")) {
            // the stall makes the whole burst queue up, so the writer meets more than one pass can take
            x.faults().stall(Duration.ofSeconds(3));
            List<String> ids = x.emit(150_000);
            await().atMost(Duration.ofSeconds(60)).until(() -> stream.payloads().size() == ids.size());
            assertThat(x.sentTweetIds()).isEqualTo(ids);
            assertThat(Http.json(stream.payloads().get(149_999)).path("data").path("id").asText()).isEqualTo(ids.get(149_999));
        }
    }

    @Test
    void keepAlivesArriveOnAQuietStreamAndNoMoreOftenThanTheInterval() throws Exception {
        try (XApiEmulator quick = XApiEmulator.builder().bearerToken("t").keepAliveInterval(Duration.ofMillis(200))
                .build().start()) {
            long opened = System.nanoTime();
            try (RawStreamClient stream = RawStreamClient.open(quick, "/2/tweets/search/stream", "t").startReading()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> stream.keepAlives() >= 4);
                long elapsedMillis = (System.nanoTime() - opened) / 1_000_000;
                assertThat(stream.payloads()).isEmpty();
                assertThat(stream.keepAlives()).isLessThanOrEqualTo(elapsedMillis / 200 + 1);
                assertThat(stream.lines()).allMatch(RawStreamClient.Line::isKeepAlive);
            }
        }
    }
}
