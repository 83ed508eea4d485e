package io.hybridpipe.local.observe;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjIntConsumer;

/**
 * Tweet ids with their number of copies in one stage. Ids that are plain decimal longs (X's snowflake ids) are kept
 * as longs, compactly; any other id (a keyless record's description, garbage in a table) as a string. Not thread-safe.
 */
final class IdCounts {

    private final LongCounts numeric = new LongCounts();
    private final Map<String, Integer> other = new HashMap<>();
    private long total;

    void add(String id) {
        add(id, 1);
    }

    void add(String id, int copies) {
        long n = asLong(id);
        if (n != Long.MIN_VALUE) {
            numeric.add(n, copies);
        } else {
            other.merge(id, copies, Integer::sum);
        }
        total += copies;
    }

    int count(String id) {
        long n = asLong(id);
        return n != Long.MIN_VALUE ? numeric.count(n) : other.getOrDefault(id, 0);
    }

    long total() {
        return total;
    }

    int distinct() {
        return numeric.size() + other.size();
    }

    void forEach(ObjIntConsumer<String> action) {
        numeric.forEach((key, count) -> action.accept(Long.toString(key), count));
        other.forEach(action::accept);
    }

    /**
     * The id as a long when {@link Long#toString(long)} gives it back exactly (digits only, no leading zero, in
     * range), else {@link Long#MIN_VALUE}.
     */
    static long asLong(String id) {
        int len = id.length();
        if (len == 0 || len > 19 || (len > 1 && id.charAt(0) == '0')) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        // 19 digits can pass Long.MAX_VALUE, and then the sum above has wrapped
        return len < 19 || (v > 0 && Long.toString(v).equals(id)) ? v : Long.MIN_VALUE;
    }
}
