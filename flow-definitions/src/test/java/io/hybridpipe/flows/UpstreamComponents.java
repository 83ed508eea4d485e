package io.hybridpipe.flows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The NiFi 1.28.1 property and relationship names recorded in {@value #RESOURCE}, per component type. */
final class UpstreamComponents {

    static final String RESOURCE = "/upstream-components-nifi-1.28.1.tsv";

    private final Map<String, Map<String, Set<String>>> namesByTypeAndKind = new HashMap<>();

    static UpstreamComponents load() throws IOException {
        UpstreamComponents components = new UpstreamComponents();
        try (InputStream in = UpstreamComponents.class.getResourceAsStream(RESOURCE);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length != 4 || cols[3].isBlank()) {
                    throw new IllegalStateException(RESOURCE + ": every row needs type, kind, name and source: " + line);
                }
                components.namesByTypeAndKind.computeIfAbsent(cols[0], t -> new HashMap<>())
                        .computeIfAbsent(cols[1], k -> new HashSet<>()).add(cols[2]);
            }
        }
        return components;
    }

    boolean knows(String type) {
        return namesByTypeAndKind.containsKey(type);
    }

    Set<String> names(String type, String kind) {
        return namesByTypeAndKind.getOrDefault(type, Map.of()).getOrDefault(kind, Set.of());
    }

    boolean acceptsDynamicProperties(String type) {
        return names(type, "dynamic").contains("*");
    }
}
