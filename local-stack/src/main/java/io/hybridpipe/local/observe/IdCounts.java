package io.hybridpipe.local.observe;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjIntConsumer;

/** Tweet ids with their number of copies in one stage. Not thread-safe. */
final class IdCounts {

    private final Map<String, Integer> counts = new HashMap<>();
    private long total;

    void add(String id) {
        add(id, 1);
    }

    void add(String id, int copies) {
        counts.merge(id, copies, Integer::sum);
        total += copies;
    }

    int count(String id) {
        return counts.getOrDefault(id, 0);
    }

    long total() {
        return total;
    }

    int distinct() {
        return counts.size();
    }

    void forEach(ObjIntConsumer<String> action) {
        counts.forEach(action::accept);
    }
}
