package io.hybridpipe.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A readable difference between two flow definitions in canonical form: one line per changed
 * value, components matched by identifier and named by their name, e.g.
 * {@code ~ flowContents.processors['Publish tweets'].properties.topic: "tweets" -> "tweets-v2"}.
 */
public final class FlowDiff {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_VALUE_CHARS = 160;

    private FlowDiff() {
    }

    /** Lines saying how {@code after} differs from {@code before}; empty when they are the same. */
    public static List<String> between(FlowDefinition before, FlowDefinition after) {
        List<String> lines = new ArrayList<>();
        compare("", tree(before), tree(after), lines);
        return lines;
    }

    private static JsonNode tree(FlowDefinition definition) {
        try {
            return MAPPER.readTree(definition.canonicalBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("canonical form of " + definition.source() + " does not parse", e);
        }
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<String> lines) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String child = path.isEmpty() ? key : path + "." + key;
                compareOptional(child, before.get(key), after.get(key), lines);
            }
        } else if (before.isArray() && after.isArray() && keyField(before, after) != null) {
            String keyField = keyField(before, after);
            Map<String, JsonNode> was = byKey(before, keyField);
            Map<String, JsonNode> now = byKey(after, keyField);
            TreeSet<String> keys = new TreeSet<>(was.keySet());
            keys.addAll(now.keySet());
            for (String key : keys) {
                JsonNode element = now.containsKey(key) ? now.get(key) : was.get(key);
                compareOptional(path + "[" + label(keyField, key, element) + "]", was.get(key), now.get(key), lines);
            }
        } else {
            lines.add("~ " + path + ": " + show(before) + " -> " + show(after));
        }
    }

    private static void compareOptional(String path, JsonNode before, JsonNode after, List<String> lines) {
        if (before == null) {
            lines.add("+ " + path + ": " + show(after));
        } else if (after == null) {
            lines.add("- " + path + ": " + show(before));
        } else {
            compare(path, before, after, lines);
        }
    }

    /** Components are matched by identifier, parameters (which have none) by name; other arrays by position. */
    private static String keyField(JsonNode before, JsonNode after) {
        for (String field : new String[] {"identifier", "name"}) {
            if (uniquelyKeyed(before, field) && uniquelyKeyed(after, field)) {
                return field;
            }
        }
        return null;
    }

    private static boolean uniquelyKeyed(JsonNode array, String field) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode element : array) {
            if (!element.path(field).isTextual() || !seen.add(element.get(field).asText())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> byKey(JsonNode array, String field) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode element = it.next();
            map.put(element.get(field).asText(), element);
        }
        return map;
    }

    private static String label(String keyField, String key, JsonNode element) {
        String name = element.path("name").asText("");
        if ("name".equals(keyField) || name.isEmpty()) {
            return "'" + key + "'";
        }
        return "'" + name + "' " + key;
    }

    private static String show(JsonNode value) {
        String text = value.toString();
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "... (" + text.length() + " chars)";
    }
}
