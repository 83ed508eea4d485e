package io.hybridpipe.nifi.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brings the app's filtered-stream rules in line with the configured ones (GET, then POST add/delete
 * on {@code /2/tweets/search/stream/rules}) according to a {@link RuleSyncStrategy}.
 */
final class RuleSynchronizer {
    static final String RULES_PATH = "/2/tweets/search/stream/rules";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A rule as X stores it. */
    record ExistingRule(String id, String value, String tag) {
        StreamRule asConfigured() {
            return new StreamRule(tag == null ? "" : tag, value);
        }
    }

    /** What a sync did, for the log and the processor state. */
    record Result(int kept, int added, int deleted) {
        @Override
        public String toString() {
            return "kept " + kept + ", added " + added + ", deleted " + deleted + " rule(s)";
        }
    }

    private final XApiHttp http;

    RuleSynchronizer(XApiHttp http) {
        this.http = http;
    }

    Result synchronize(RuleSyncStrategy strategy, List<StreamRule> wanted) throws IOException, ConnectFailure {
        if (strategy == RuleSyncStrategy.LEAVE_AS_IS) {
            return new Result(0, 0, 0);
        }
        List<ExistingRule> existing = list();
        return strategy == RuleSyncStrategy.EXACT ? makeExactly(existing, wanted) : addMissing(existing, wanted);
    }

    /** X identifies a rule by its value: a wanted value already present (whatever its tag) is not added again. */
    private Result addMissing(List<ExistingRule> existing, List<StreamRule> wanted) throws IOException, ConnectFailure {
        Set<String> presentValues = new LinkedHashSet<>();
        existing.forEach(rule -> presentValues.add(rule.value()));
        List<StreamRule> toAdd = wanted.stream().filter(r -> !presentValues.contains(r.value())).toList();
        if (!toAdd.isEmpty()) {
            add(toAdd);
        }
        return new Result(wanted.size() - toAdd.size(), toAdd.size(), 0);
    }

    private Result makeExactly(List<ExistingRule> existing, List<StreamRule> wanted) throws IOException, ConnectFailure {
        Set<StreamRule> wantedSet = new LinkedHashSet<>(wanted);
        Set<StreamRule> present = new LinkedHashSet<>();
        List<String> toDelete = new ArrayList<>();
        for (ExistingRule rule : existing) {
            // deletes rules not configured, X-side duplicates, and rules whose tag differs (a tag cannot be changed in place)
            if (!wantedSet.contains(rule.asConfigured()) || !present.add(rule.asConfigured())) {
                toDelete.add(rule.id());
            }
        }
        List<StreamRule> toAdd = wanted.stream().filter(r -> !present.contains(r)).toList();
        if (!toDelete.isEmpty()) {
            delete(toDelete);
        }
        if (!toAdd.isEmpty()) {
            add(toAdd);
        }
        return new Result(present.size(), toAdd.size(), toDelete.size());
    }

    List<ExistingRule> list() throws IOException, ConnectFailure {
        List<ExistingRule> rules = new ArrayList<>();
        Optional<String> page = Optional.empty();
        do {
            String query = "?max_results=1000" + page.map(t -> "&pagination_token=" + URLEncoder.encode(t, StandardCharsets.UTF_8)).orElse("");
            JsonNode answer = JSON.readTree(http.exchange("GET", RULES_PATH + query, null));
            for (JsonNode rule : answer.path("data")) {
                rules.add(new ExistingRule(rule.path("id").asText(), rule.path("value").asText(),
                        rule.hasNonNull("tag") ? rule.get("tag").asText() : null));
            }
            JsonNode next = answer.path("meta").path("next_token");
            page = next.isTextual() ? Optional.of(next.asText()) : Optional.empty();
        } while (page.isPresent());
        return rules;
    }

    private void add(List<StreamRule> rules) throws IOException, ConnectFailure {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode add = body.putArray("add");
        for (StreamRule rule : rules) {
            add.addObject().put("value", rule.value()).put("tag", rule.tag());
        }
        checkNoErrors("adding rules", http.exchange("POST", RULES_PATH, JSON.writeValueAsBytes(body)));
    }

    private void delete(List<String> ids) throws IOException, ConnectFailure {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode idArray = body.putObject("delete").putArray("ids");
        ids.forEach(idArray::add);
        checkNoErrors("deleting rules", http.exchange("POST", RULES_PATH, JSON.writeValueAsBytes(body)));
    }

    /** X answers 200 with an {@code errors} array when a rule is invalid or a duplicate: that is a failure too. */
    private static void checkNoErrors(String what, byte[] answerBytes) throws IOException, ConnectFailure {
        JsonNode errors = JSON.readTree(answerBytes).path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> problems = new ArrayList<>();
            for (JsonNode error : errors) {
                String value = error.path("value").asText("");
                String title = error.path("title").asText(error.path("message").asText("error"));
                String details = error.path("details").isArray() ? error.path("details").toString() : error.path("detail").asText("");
                problems.add(title + (value.isEmpty() ? "" : " for rule '" + value + "'") + (details.isEmpty() ? "" : " " + details));
            }
            throw ConnectFailure.rulesRefused("X refused " + what + ": " + String.join("; ", problems) + " (fix the 'Stream Rules' property)");
        }
    }
}
