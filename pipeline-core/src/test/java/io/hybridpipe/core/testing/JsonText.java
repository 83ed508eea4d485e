package io.hybridpipe.core.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deliberately unpredictable JSON writer for tests: object keys may be shuffled, strings may be written raw
 * (UTF-8) or with {@code \\uXXXX} escapes (surrogate pairs as two escapes), {@code /} may be escaped and
 * whitespace may appear between tokens, all decided by the seeded {@link Random}. Values are
 * {@code Map<String, ?>} (objects, in insertion order unless shuffled), {@code List<?>}, {@code String},
 * {@code Number}, {@code Boolean} and {@code null}.
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final Random random;
    private final boolean shuffleKeys;

    public JsonText(Random random, boolean shuffleKeys) {
        this.random = random;
        this.shuffleKeys = shuffleKeys;
    }

    public String write(Object value) {
        StringBuilder out = new StringBuilder(1024);
        write(value, out);
        return out.toString();
    }

    private void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (shuffleKeys) {
                Collections.shuffle(entries, random);
            }
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    out.append(',');
                    space(out);
                }
                string((String) entries.get(i).getKey(), out);
                out.append(':');
                space(out);
                write(entries.get(i).getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                    space(out);
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private void space(StringBuilder out) {
        if (random.nextInt(8) == 0) {
            out.append(' ');
        }
    }

    private void string(String s, StringBuilder out) {
        int mode = random.nextInt(3); // 0 raw, 1 escape all non-ASCII, 2 escape some
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '/' -> out.append(random.nextBoolean() ? "\\/" : "/");
                default -> {
                    boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                    boolean escape = c < 0x20 || (c > 0x7e && (mode == 1 || (mode == 2 && random.nextBoolean())));
                    // a surrogate pair is escaped as two \\u escapes or written raw, never half and half
                    int units = pair ? 2 : 1;
                    for (int u = 0; u < units; u++) {
                        char unit = s.charAt(i + u);
                        if (escape) {
                            out.append("\\u").append(HEX[(unit >> 12) & 0xf]).append(HEX[(unit >> 8) & 0xf]).append(HEX[(unit >> 4) & 0xf]).append(HEX[unit & 0xf]);
                        } else {
                            out.append(unit);
                        }
                    }
                    i += units - 1;
                }
            }
        }
        out.append('"');
    }
}
