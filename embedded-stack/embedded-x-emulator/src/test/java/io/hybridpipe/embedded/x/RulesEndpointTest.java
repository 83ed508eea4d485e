package io.hybridpipe.embedded.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RulesEndpointTest {

    private static final String RULES = "/2/tweets/search/stream/rules";
    private XApiEmulator x;

    @BeforeEach
    void start() {
        x = XApiEmulator.builder().port(0).bearerToken("t").build().start();
    }

    @AfterEach
    void stop() {
        x.close();
    }

    private JsonNode post(String body, int expectedStatus) {
        return post("", body, expectedStatus);
    }

    private JsonNode post(String query, String body, int expectedStatus) {
        HttpResponse<String> response = Http.post(x, RULES + query, body, "t");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return Http.json(response.body());
    }

    @Test
    void addCreatesRulesAndListShowsThem() {
        JsonNode created = post("{\"add\":[{\"value\":\"cat has_no_operator\",\"tag\":\"cats\"},{\"value\":\"#nifi\"}]}", 201);
        assertThat(created.path("data")).hasSize(2);
        assertThat(created.path("data").get(0).path("value").asText()).isEqualTo("cat has_no_operator");
        assertThat(created.path("data").get(0).path("tag").asText()).isEqualTo("cats");
        assertThat(created.path("data").get(1).has("tag")).isFalse();
        JsonNode summary = created.path("meta").path("summary");
        assertThat(summary.path("created").asInt()).isEqualTo(2);
        assertThat(summary.path("not_created").asInt()).isZero();
        assertThat(summary.path("valid").asInt()).isEqualTo(2);
        assertThat(summary.path("invalid").asInt()).isZero();
        assertThat(created.path("meta").path("sent").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        HttpResponse<String> list = Http.get(x, RULES, "t");
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode listed = Http.json(list.body());
        assertThat(listed.path("meta").path("result_count").asInt()).isEqualTo(2);
        assertThat(listed.path("data").get(0).path("id").asText()).isEqualTo(created.path("data").get(0).path("id").asText());
        assertThat(x.rules()).extracting(StreamRule::value).containsExactly("cat has_no_operator", "#nifi");
    }

    @Test
    void emptyListHasOnlyMeta() {
        JsonNode listed = Http.json(Http.get(x, RULES, "t").body());
        assertThat(listed.has("data")).isFalse();
        assertThat(listed.path("meta").path("result_count").asInt()).isZero();
    }

    @Test
    void dryRunValidatesWithoutStoring() {
        JsonNode dry = post("?dry_run=true", "{\"add\":[{\"value\":\"dog\",\"tag\":\"d\"}]}", 200);
        assertThat(dry.path("data").get(0).path("value").asText()).isEqualTo("dog");
        assertThat(dry.path("meta").path("summary").path("created").asInt()).isZero();
        assertThat(dry.path("meta").path("summary").path("valid").asInt()).isEqualTo(1);
        assertThat(x.rules()).isEmpty();

        x.addRule("dog", "d");
        JsonNode dryDelete = post("?dry_run=true", "{\"delete\":{\"ids\":[\"" + x.rules().get(0).id() + "\"]}}", 200);
        assertThat(dryDelete.path("meta").path("summary").path("deleted").asInt()).isEqualTo(1);
        assertThat(x.rules()).hasSize(1);
    }

    @Test
    void duplicateRuleIsReportedWithTheExistingId() {
        StreamRule existing = x.addRule("grumpy cat", "first");
        JsonNode response = post("{\"add\":[{\"value\":\"grumpy cat\",\"tag\":\"second\"}]}", 200);
        assertThat(response.has("data")).isFalse();
        JsonNode error = response.path("errors").get(0);
        assertThat(error.path("title").asText()).isEqualTo("DuplicateRule");
        assertThat(error.path("type").asText()).isEqualTo("https://api.x.com/2/problems/duplicate-rules");
        assertThat(error.path("id").asText()).isEqualTo(existing.id());
        assertThat(error.path("value").asText()).isEqualTo("grumpy cat");
        JsonNode summary = response.path("meta").path("summary");
        assertThat(summary.path("created").asInt()).isZero();
        assertThat(summary.path("not_created").asInt()).isEqualTo(1);
        assertThat(summary.path("invalid").asInt()).isEqualTo(1);
        assertThat(x.rules()).hasSize(1);
    }

    @Test
    void invalidRuleIsUnprocessableAndTheWholeAddIsRefused() {
        JsonNode response = post("{\"add\":[{\"value\":\"fine\"},{\"value\":\"(cat OR dog\"}]}", 200);
        JsonNode error = response.path("errors").get(0);
        assertThat(error.path("title").asText()).isEqualTo("UnprocessableEntity");
        assertThat(error.path("type").asText()).isEqualTo("https://api.x.com/2/problems/invalid-rules");
        assertThat(error.path("value").asText()).isEqualTo("(cat OR dog");
        assertThat(error.path("details").get(0).asText()).containsIgnoringCase("parenthes");
        JsonNode summary = response.path("meta").path("summary");
        assertThat(summary.path("valid").asInt()).isEqualTo(1);
        assertThat(summary.path("invalid").asInt()).isEqualTo(1);
        assertThat(summary.path("created").asInt()).isZero();
        assertThat(summary.path("not_created").asInt()).isEqualTo(2);
        assertThat(x.rules()).isEmpty();
    }

    @Test
    void deleteByIdAndByValueAndReportMissingOnes() {
        StreamRule a = x.addRule("alpha", null);
        x.addRule("beta", null);
        x.addRule("gamma", null);
        JsonNode response = post("{\"delete\":{\"ids\":[\"" + a.id() + "\",\"404\"],\"values\":[\"gamma\"]}}", 200);
        assertThat(response.path("meta").path("summary").path("deleted").asInt()).isEqualTo(2);
        assertThat(response.path("meta").path("summary").path("not_deleted").asInt()).isEqualTo(1);
        assertThat(response.path("errors").get(0).path("value").asText()).isEqualTo("404");
        assertThat(x.rules()).extracting(StreamRule::value).containsExactly("beta");
    }

    @Test
    void malformedBodiesAre400() {
        assertThat(post("not json", 400).path("title").asText()).isEqualTo("Invalid Request");
        post("{\"add\":[{\"value\":\"a\"}],\"delete\":{\"ids\":[\"1\"]}}", 400);
        post("{}", 400);
        post("{\"add\":[]}", 400);
        post("{\"add\":[{\"tag\":\"no value\"}]}", 400);
        post("{\"delete\":{\"ids\":[1]}}", 400);
        assertThat(x.rules()).isEmpty();
    }

    @Test
    void listFiltersByIdsAndPages() {
        for (int i = 0; i < 5; i++) {
            x.addRule("word" + i, "t" + i);
        }
        JsonNode filtered = Http.json(Http.get(x, RULES + "?ids=" + x.rules().get(1).id() + "," + x.rules().get(3).id(), "t").body());
        assertThat(filtered.path("data")).extracting(n -> n.path("value").asText()).containsExactly("word1", "word3");

        JsonNode first = Http.json(Http.get(x, RULES + "?max_results=2", "t").body());
        assertThat(first.path("data")).hasSize(2);
        String next = first.path("meta").path("next_token").asText();
        assertThat(next).isNotEmpty();
        JsonNode second = Http.json(Http.get(x, RULES + "?max_results=2&pagination_token=" + next, "t").body());
        assertThat(second.path("data").get(0).path("value").asText()).isEqualTo("word2");
        assertThat(Http.get(x, RULES + "?max_results=0", "t").statusCode()).isEqualTo(400);
    }

    @Test
    void addRuleFromTheTestApiRefusesWhatXRefuses() {
        x.addRule("cat", null);
        assertThatThrownBy(() -> x.addRule("cat", null)).hasMessageContaining("DuplicateRule");
        assertThatThrownBy(() -> x.addRule("-cat", null)).hasMessageContaining("non-negation");
    }

    @Test
    void clientsThatExpect100ContinueAreServedAndChunkedBodiesAreRead() {
        java.net.http.HttpRequest.Builder expecting = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(x.baseUrl() + RULES))
                .expectContinue(true)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"add\":[{\"value\":\"continue\"}]}"));
        assertThat(Http.send(x, expecting, "t").statusCode()).isEqualTo(201);
        java.net.http.HttpRequest.Builder chunked = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(x.baseUrl() + RULES))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        "{\"add\":[{\"value\":\"chunked\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(Http.send(x, chunked, "t").statusCode()).isEqualTo(201);
        assertThat(x.rules()).extracting(StreamRule::value).containsExactly("continue", "chunked");
    }
}
