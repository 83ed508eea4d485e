package io.hybridpipe.local.observe;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Tweet messages as X sends them (and the emulator writes them), with chosen ids and created_at. */
public final class TestTweets {

    private static final DateTimeFormatter X_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private TestTweets() {
    }

    /** {@code n} snowflake-like ids starting at {@code first}. */
    public static List<String> ids(long first, int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Long.toString(first + i));
        }
        return ids;
    }

    public static String message(String id, Instant createdAt) {
        return "{\"data\":{\"id\":\"" + id + "\",\"text\":\"observed tweet " + id + "\",\"created_at\":\""
                + X_TIME.format(createdAt) + "\",\"author_id\":\"7\",\"lang\":\"en\"},\"includes\":{\"users\":"
                + "[{\"id\":\"7\",\"username\":\"observer\",\"name\":\"Observer\"}]},\"matching_rules\":"
                + "[{\"id\":\"1\",\"tag\":\"observe\"}]}";
    }
}
