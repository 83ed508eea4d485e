package io.hybridpipe.embedded.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET|POST /2/tweets/search/stream/rules}: lists, adds and deletes rules with X's response shapes. */
final class RulesEndpoint {

    static final String PATH = "/2/tweets/search/stream/rules";

    /** A status and a JSON body. */
    record Reply(int status, String body) {
    }

    private final RuleBook book;
    private final Clock clock;

    RulesEndpoint(RuleBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    Reply list(Map<String, String> query) {
        List<StreamRule> rules = book.rules();
        String ids = query.get("ids");
        if (ids != null) {
            List<String> wanted = List.of(ids.split(","));
            rules = rules.stream().filter(r -> wanted.contains(r.id())).toList();
        }
        int maxResults = 1000;
        if (query.containsKey("max_results")) {
            try {
                maxResults = Integer.parseInt(query.get("max_results"));
            } catch (NumberFormatException e) {
                maxResults = -1;
            }
            if (maxResults < 1 || maxResults > 1000) {
                return new Reply(400, XProblems.invalidRequest("max_results", query.get("max_results"),
                        "The `max_results` query parameter value [" + query.get("max_results")
                                + "] is not between 1 and 1000"));
            }
        }
        int start = 0;
        if (query.containsKey("pagination_token")) {
            start = PaginationToken.decode(query.get("pagination_token"));
            if (start < 0 || start > rules.size()) {
                return new Reply(400, XProblems.invalidRequest("pagination_token", query.get("pagination_token"),
                        "The `pagination_token` query parameter value is invalid"));
            }
        }
        List<StreamRule> page = rules.subList(start, Math.min(rules.size(), start + maxResults));
        ObjectNode body = XProblems.MAPPER.createObjectNode();
        if (!page.isEmpty()) {
            ArrayNode data = body.putArray("data");
            page.forEach(rule -> ruleJson(data.addObject(), rule));
        }
        ObjectNode meta = body.putObject("meta").put("sent", XTime.format(clock.millis()))
                .put("result_count", page.size());
        if (start + page.size() < rules.size()) {
            meta.put("next_token", PaginationToken.encode(start + page.size()));
        }
        return new Reply(200, XProblems.text(body));
    }

    Reply change(Map<String, String> query, String requestBody) {
        boolean dryRun = "true".equalsIgnoreCase(query.get("dry_run"));
        JsonNode json;
        try {
            json = XProblems.MAPPER.readTree(requestBody);
        } catch (JsonProcessingException e) {
            return new Reply(400, XProblems.invalidRequest(null, null, "Request body is not valid JSON: "
                    + e.getOriginalMessage()));
        }
        if (json == null || !json.isObject()) {
            return new Reply(400, XProblems.invalidRequest(null, null, "Request body must be a JSON object"));
        }
        boolean hasAdd = json.has("add");
        boolean hasDelete = json.has("delete");
        if (hasAdd == hasDelete) {
            return new Reply(400, XProblems.invalidRequest(null, null,
                    "Request body must contain exactly one of `add` or `delete`"));
        }
        return hasAdd ? add(json.get("add"), dryRun) : delete(json.get("delete"), dryRun);
    }

    private Reply add(JsonNode add, boolean dryRun) {
        if (!add.isArray() || add.isEmpty()) {
            return new Reply(400, XProblems.invalidRequest("add", add.toString(),
                    "`add` must be a non-empty array of {\"value\",\"tag\"} objects"));
        }
        List<StreamRule> requested = new ArrayList<>();
        for (JsonNode rule : add) {
            JsonNode value = rule.get("value");
            if (value == null || !value.isTextual()) {
                return new Reply(400, XProblems.invalidRequest("add", rule.toString(), "Every rule needs a string `value`"));
            }
            JsonNode tag = rule.get("tag");
            requested.add(new StreamRule(null, value.asText(), tag == null || tag.isNull() ? null : tag.asText()));
        }
        RuleBook.AddResult result = book.add(requested, dryRun);
        ObjectNode body = XProblems.MAPPER.createObjectNode();
        int valid = 0;
        ArrayNode data = XProblems.MAPPER.createArrayNode();
        ArrayNode errors = XProblems.MAPPER.createArrayNode();
        for (RuleBook.AddOutcome outcome : result.outcomes()) {
            if (outcome.valid()) {
                valid++;
                if (result.created() || dryRun) {
                    ruleJson(data.addObject(), outcome.rule());
                }
            } else {
                errors.add(problemJson(outcome));
            }
        }
        if (!data.isEmpty()) {
            body.set("data", data);
        }
        int created = result.created() ? result.outcomes().size() : 0;
        ObjectNode meta = body.putObject("meta").put("sent", XTime.format(clock.millis()));
        meta.putObject("summary")
                .put("created", created)
                .put("not_created", result.outcomes().size() - created)
                .put("valid", valid)
                .put("invalid", result.outcomes().size() - valid);
        if (!errors.isEmpty()) {
            body.set("errors", errors);
        }
        return new Reply(created > 0 ? 201 : 200, XProblems.text(body));
    }

    private Reply delete(JsonNode delete, boolean dryRun) {
        List<String> ids = strings(delete.get("ids"));
        List<String> values = strings(delete.get("values"));
        if (ids == null || values == null || ids.isEmpty() && values.isEmpty()) {
            return new Reply(400, XProblems.invalidRequest("delete", delete.toString(),
                    "`delete` must hold a non-empty `ids` or `values` array of strings"));
        }
        RuleBook.DeleteResult result = book.delete(ids, values, dryRun);
        ObjectNode body = XProblems.MAPPER.createObjectNode();
        ObjectNode meta = body.putObject("meta").put("sent", XTime.format(clock.millis()));
        meta.putObject("summary").put("deleted", result.deleted().size()).put("not_deleted", result.notFound().size());
        if (!result.notFound().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            for (String missing : result.notFound()) {
                ObjectNode error = errors.addObject();
                error.putArray("errors").addObject().put("message", "Rule does not exist").putObject("parameters");
                error.put("value", missing)
                        .put("title", "Invalid Request")
                        .put("detail", "One or more parameters to your request was invalid.")
                        .put("type", "https://api.x.com/2/problems/invalid-request");
            }
        }
        return new Reply(200, XProblems.text(body));
    }

    /** @return the strings of a JSON array, an empty list if absent, or null if it is not an array of strings */
    private static List<String> strings(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return null;
            }
            out.add(item.asText());
        }
        return out;
    }

    private static ObjectNode problemJson(RuleBook.AddOutcome outcome) {
        ObjectNode error = XProblems.MAPPER.createObjectNode().put("value", outcome.rule().value());
        if (outcome.rule().tag() != null) {
            error.put("tag", outcome.rule().tag());
        }
        if (outcome.problemTitle().equals("DuplicateRule")) {
            if (outcome.duplicateOf() != null) {
                error.put("id", outcome.duplicateOf());
            }
            error.put("title", "DuplicateRule").put("type", "https://api.x.com/2/problems/duplicate-rules");
            if (outcome.detail() != null) {
                error.put("detail", outcome.detail());
            }
        } else {
            error.putArray("details").add(outcome.detail());
            error.put("title", outcome.problemTitle()).put("type", "https://api.x.com/2/problems/invalid-rules");
        }
        return error;
    }

    private static void ruleJson(ObjectNode node, StreamRule rule) {
        node.put("id", rule.id()).put("value", rule.value());
        if (rule.tag() != null) {
            node.put("tag", rule.tag());
        }
    }

    /** An opaque page cursor: the index of the first rule of the next page. */
    private static final class PaginationToken {
        private PaginationToken() {
        }

        static String encode(int index) {
            return "p" + Integer.toString(index, 36);
        }

        static int decode(String token) {
            if (token == null || !token.startsWith("p")) {
                return -1;
            }
            try {
                return Integer.parseInt(token.substring(1), 36);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
