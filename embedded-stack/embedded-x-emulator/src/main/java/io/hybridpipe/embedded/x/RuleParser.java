package io.hybridpipe.embedded.x;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the supported subset of X's filtered-stream rule language:
 * keywords, {@code "quoted phrases"}, space for AND, {@code OR}, parentheses, {@code -} negation of one
 * operator, {@code #hashtag}, {@code @mention}, {@code from:} and {@code lang:}.
 * Rules outside the subset are rejected with {@link InvalidRuleException}, never silently accepted.
 */
final class RuleParser {

    static final int MAX_RULE_LENGTH = 1024;

    /** Operators X has that this emulator does not evaluate: rejected with a message that says so. */
    private static final Set<String> UNSUPPORTED_X_OPERATORS = Set.of(
            "to", "url", "retweets_of", "context", "entity", "conversation_id", "bio", "bio_name", "bio_location",
            "place", "place_country", "point_radius", "bounding_box", "is", "has", "sample", "followers_count",
            "tweets_count", "following_count", "listed_count", "url_title", "url_description", "url_contains",
            "source", "in_reply_to_tweet_id", "retweets_of_tweet_id", "quotes_of_tweet_id");
    private static final Pattern LANG_CODE = Pattern.compile("[a-z]{2,3}(-[a-z]{2,4})?");

    private final String rule;
    private final List<String> lexemes;
    private int position;

    private RuleParser(String rule, List<String> lexemes) {
        this.rule = rule;
        this.lexemes = lexemes;
    }

    static RuleNode parse(String rule) {
        if (rule == null || rule.isBlank()) {
            throw new InvalidRuleException("Rules must contain at least one operator.");
        }
        if (rule.length() > MAX_RULE_LENGTH) {
            throw new InvalidRuleException("Rule length " + rule.length() + " exceeds the maximum of "
                    + MAX_RULE_LENGTH + " characters.");
        }
        RuleParser parser = new RuleParser(rule, lex(rule));
        RuleNode node = parser.parseOr();
        if (parser.position < parser.lexemes.size()) {
            throw new InvalidRuleException("Unexpected '" + parser.lexemes.get(parser.position)
                    + "' in rule: unbalanced parentheses.");
        }
        requireStandalonePositiveTerm(node);
        return node;
    }

    /** Splits into "(", ")", "-", "OR", quoted phrases (kept with their quotes) and bare terms. */
    private static List<String> lex(String rule) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < rule.length()) {
            char c = rule.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '-' && i + 1 < rule.length() && !Character.isWhitespace(rule.charAt(i + 1))) {
                out.add("-");
                i++;
            } else if (c == '"') {
                int close = rule.indexOf('"', i + 1);
                if (close < 0) {
                    throw new InvalidRuleException("Unterminated quoted phrase starting at position " + i + ".");
                }
                out.add(rule.substring(i, close + 1));
                i = close + 1;
            } else {
                int end = i;
                while (end < rule.length() && !Character.isWhitespace(rule.charAt(end))
                        && rule.charAt(end) != '(' && rule.charAt(end) != ')' && rule.charAt(end) != '"') {
                    end++;
                }
                out.add(rule.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    private RuleNode parseOr() {
        List<RuleNode> alternatives = new ArrayList<>();
        alternatives.add(parseAnd());
        while (peekIs("OR")) {
            position++;
            alternatives.add(parseAnd());
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new RuleNode.Or(List.copyOf(alternatives));
    }

    private RuleNode parseAnd() {
        List<RuleNode> parts = new ArrayList<>();
        while (position < lexemes.size() && !peekIs("OR") && !peekIs(")")) {
            parts.add(parseUnary());
        }
        if (parts.isEmpty()) {
            String near = position < lexemes.size() ? "'" + lexemes.get(position) + "'" : "the end of the rule";
            throw new InvalidRuleException("Expected an operator before " + near + ".");
        }
        return parts.size() == 1 ? parts.get(0) : new RuleNode.And(List.copyOf(parts));
    }

    private RuleNode parseUnary() {
        if (peekIs("-")) {
            position++;
            if (peekIs("(")) {
                throw new InvalidRuleException("Negating a group in parentheses is not allowed; negate each operator.");
            }
            if (position >= lexemes.size() || peekIs(")") || peekIs("OR") || peekIs("-")) {
                throw new InvalidRuleException("'-' must be followed by an operator.");
            }
            return new RuleNode.Not(parsePrimary());
        }
        return parsePrimary();
    }

    private RuleNode parsePrimary() {
        String lexeme = lexemes.get(position++);
        if (lexeme.equals("(")) {
            RuleNode inner = parseOr();
            if (!peekIs(")")) {
                throw new InvalidRuleException("Unbalanced parentheses in rule: " + rule);
            }
            position++;
            return inner;
        }
        if (lexeme.equals(")")) {
            throw new InvalidRuleException("Unbalanced parentheses in rule: " + rule);
        }
        if (lexeme.startsWith("\"")) {
            String phrase = lexeme.substring(1, lexeme.length() - 1);
            List<String> tokens = TextTokens.of(phrase);
            if (tokens.isEmpty()) {
                throw new InvalidRuleException("Quoted phrase " + lexeme + " contains no words.");
            }
            return new RuleNode.Terms(phrase, tokens, true);
        }
        if (lexeme.startsWith("#")) {
            return new RuleNode.Hashtag(requireValue(lexeme, lexeme.substring(1)));
        }
        if (lexeme.startsWith("@")) {
            return new RuleNode.Mention(requireValue(lexeme, lexeme.substring(1)));
        }
        int colon = lexeme.indexOf(':');
        if (colon > 0 && lexeme.substring(0, colon).chars().allMatch(ch -> Character.isLetter(ch) || ch == '_')) {
            return operator(lexeme.substring(0, colon).toLowerCase(Locale.ROOT), lexeme.substring(colon + 1));
        }
        if (lexeme.equals("or") || lexeme.equalsIgnoreCase("and")) {
            throw new InvalidRuleException("Ambiguous use of " + lexeme + " as a keyword. Use a space to logically"
                    + " join two clauses, a capital OR for alternatives, or \"" + lexeme
                    + "\" to find occurrences of " + lexeme + " in text.");
        }
        List<String> tokens = TextTokens.of(lexeme);
        if (tokens.isEmpty()) {
            throw new InvalidRuleException("Keyword '" + lexeme + "' contains no letters or digits.");
        }
        return new RuleNode.Terms(lexeme, tokens, false);
    }

    private RuleNode operator(String name, String value) {
        switch (name) {
            case "from":
                return new RuleNode.From(requireValue(name + ":", value));
            case "lang":
                String code = requireValue(name + ":", value);
                if (!LANG_CODE.matcher(code).matches()) {
                    throw new InvalidRuleException("Invalid language code '" + value + "' for lang:.");
                }
                return new RuleNode.Lang(code);
            default:
                if (UNSUPPORTED_X_OPERATORS.contains(name)) {
                    throw new InvalidRuleException("Operator '" + name + ":' exists on X but is not implemented by"
                            + " this emulator (supported: keywords, \"phrases\", OR, -, #, @, from:, lang:).");
                }
                throw new InvalidRuleException("Reference to invalid operator '" + name + "'. Operator is not"
                        + " available in current product or product packaging.");
        }
    }

    private static String requireValue(String operator, String value) {
        if (value.isEmpty()) {
            throw new InvalidRuleException("Operator '" + operator + "' needs a value.");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private boolean peekIs(String lexeme) {
        return position < lexemes.size() && lexemes.get(position).equals(lexeme);
    }

    /** X rejects rules that could match only by negation, and treats {@code lang:} as conjunction-required. */
    private static void requireStandalonePositiveTerm(RuleNode node) {
        if (!hasPositiveStandalone(node)) {
            throw new InvalidRuleException(hasPositiveLang(node)
                    ? "lang: is a conjunction-required operator; combine it with a standalone operator."
                    : "Rules must contain a non-negation term.");
        }
    }

    private static boolean hasPositiveStandalone(RuleNode node) {
        if (node instanceof RuleNode.And and) {
            return and.parts().stream().anyMatch(RuleParser::hasPositiveStandalone);
        }
        if (node instanceof RuleNode.Or or) {
            return or.alternatives().stream().allMatch(RuleParser::hasPositiveStandalone);
        }
        return !(node instanceof RuleNode.Not) && !(node instanceof RuleNode.Lang);
    }

    private static boolean hasPositiveLang(RuleNode node) {
        if (node instanceof RuleNode.And and) {
            return and.parts().stream().anyMatch(RuleParser::hasPositiveLang);
        }
        if (node instanceof RuleNode.Or or) {
            return or.alternatives().stream().anyMatch(RuleParser::hasPositiveLang);
        }
        return node instanceof RuleNode.Lang;
    }
}
