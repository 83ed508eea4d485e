package io.hybridpipe.nifi.twitter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the multi-line "Stream Rules" property: one rule per line as {@code tag: value}; the first
 * colon separates the tag from the rule value, so values may contain colons ({@code lang:en}).
 * Blank lines and lines starting with {@code #} are ignored.
 */
final class StreamRules {
    /** X's documented upper bound for a rule value on the highest access level. */
    static final int MAX_VALUE_LENGTH = 4096;

    private StreamRules() {
    }

    /** @throws IllegalArgumentException naming the offending line and what to write instead */
    static List<StreamRule> parse(String text) {
        List<StreamRule> rules = new ArrayList<>();
        if (text == null) {
            return rules;
        }
        Set<String> seenValues = new HashSet<>();
        String[] lines = text.split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int lineNumber = i + 1;
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw invalid(lineNumber, line, "no ':' separating the tag from the rule value; write it as 'tag: value'");
            }
            String tag = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (tag.isEmpty()) {
                throw invalid(lineNumber, line, "the tag before ':' is empty; write it as 'tag: value'");
            }
            if (value.isEmpty()) {
                throw invalid(lineNumber, line, "the rule value after ':' is empty; write it as 'tag: value'");
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw invalid(lineNumber, tag + ": ...", "the rule value is " + value.length()
                        + " characters long; X accepts at most " + MAX_VALUE_LENGTH);
            }
            if (!seenValues.add(value)) {
                throw invalid(lineNumber, line, "the same rule value appears on an earlier line; X keeps one rule per value,"
                        + " so remove the duplicate or merge the tags");
            }
            rules.add(new StreamRule(tag, value));
        }
        return rules;
    }

    private static IllegalArgumentException invalid(int lineNumber, String line, String problem) {
        return new IllegalArgumentException("line " + lineNumber + " '" + abbreviate(line) + "': " + problem);
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
