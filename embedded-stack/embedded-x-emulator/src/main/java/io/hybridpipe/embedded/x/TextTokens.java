package io.hybridpipe.embedded.x;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into lower-cased word tokens the way keyword and phrase rules compare them: a token is a
 * maximal run of letters, digits, combining marks and underscores; everything else (spaces, punctuation,
 * {@code #}, {@code @}, emoji) separates tokens. So {@code cat} matches "Cat!", "#cat" and "@cat", and a
 * Japanese keyword matches only a whole run of Japanese letters.
 */
final class TextTokens {

    private TextTokens() {
    }

    static List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (isWordCodePoint(cp)) {
                current.appendCodePoint(cp);
            } else if (current.length() > 0) {
                tokens.add(current.toString().toLowerCase(Locale.ROOT));
                current.setLength(0);
            }
            i += Character.charCount(cp);
        }
        if (current.length() > 0) {
            tokens.add(current.toString().toLowerCase(Locale.ROOT));
        }
        return tokens;
    }

    static boolean isWordCodePoint(int cp) {
        if (Character.isLetterOrDigit(cp) || cp == '_') {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** True if {@code sequence} occurs as consecutive tokens in {@code tokens}. */
    static boolean containsSequence(List<String> tokens, List<String> sequence) {
        if (sequence.isEmpty()) {
            return false;
        }
        outer:
        for (int start = 0; start + sequence.size() <= tokens.size(); start++) {
            for (int k = 0; k < sequence.size(); k++) {
                if (!tokens.get(start + k).equals(sequence.get(k))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
