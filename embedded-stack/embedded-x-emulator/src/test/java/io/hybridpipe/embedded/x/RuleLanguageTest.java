package io.hybridpipe.embedded.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleLanguageTest {

    /** A post with the given text, hashtags, mentions, author and language. */
    private record Post(String text, Set<String> tags, Set<String> mentioned, String id, String username, String language)
            implements MatchableTweet {
        @Override
        public List<String> textTokens() {
            return TextTokens.of(text);
        }

        @Override
        public Set<String> hashtags() {
            return tags;
        }

        @Override
        public Set<String> mentionedUsernames() {
            return mentioned;
        }

        @Override
        public String authorId() {
            return id;
        }

        @Override
        public String authorUsername() {
            return username;
        }

        @Override
        public String lang() {
            return language;
        }
    }

    private static Post post(String text, String lang) {
        Set<String> tags = TextTokensTestSupport.words(text, '#');
        Set<String> mentions = TextTokensTestSupport.words(text, '@');
        return new Post(text, tags, mentions, "12345", "nifidev", lang);
    }

    @ParameterizedTest(name = "[{index}] {0} on \"{1}\" ({2}) -> {3}")
    @CsvSource(delimiter = '|', value = {
            // keywords: whole tokens, case-insensitive, punctuation and # @ split tokens
            "cat                      | My Cat is grumpy          | en | true",
            "cat                      | concatenate strings       | en | false",
            "cat                      | #cat pictures             | en | true",
            "cat dog                  | dog and cat               | en | true",
            "cat dog                  | only a cat                | en | false",
            // quoted phrases: consecutive tokens
            "'\"grumpy cat\"'         | the GRUMPY cat returns    | en | true",
            "'\"grumpy cat\"'         | the cat is grumpy         | en | false",
            // OR, grouping
            "cat OR dog               | a dog barks               | en | true",
            "cat OR dog               | a bird sings              | en | false",
            "(cat OR dog) happy       | happy dog                 | en | true",
            "(cat OR dog) happy       | sad dog                   | en | false",
            // negation
            "cat -grumpy              | happy cat                 | en | true",
            "cat -grumpy              | grumpy cat                | en | false",
            "cat -#memes              | cat #memes                | en | false",
            // hashtags: the entity, not the word
            "#nifi                    | love #NiFi today          | en | true",
            "#nifi                    | love nifi today           | en | false",
            // mentions
            "@apache                  | thanks @Apache            | en | true",
            "@apache                  | thanks apache             | en | false",
            // from:
            "from:nifidev             | anything                  | en | true",
            "from:NiFiDev             | anything                  | en | true",
            "from:12345               | anything                  | en | true",
            "from:someoneelse         | anything                  | en | false",
            // lang: (conjunction-required)
            "cat lang:es              | cat                       | es | true",
            "cat lang:es              | cat                       | en | false",
            // scripts: RTL, CJK runs, combining marks
            "مرحبا                    | مرحبا بالعالم 😀           | ar | true",
            "東京                     | 東京 タワー                 | ja | true",
            "café                     | un café s'il vous plaît   | fr | true",
    })
    void matchingTable(String rule, String text, String lang, boolean expected) {
        RuleNode node = RuleParser.parse(rule);
        assertThat(node.matches(post(text, lang))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                       | at least one operator",
            "(cat OR dog              | parentheses",
            "cat)                     | parentheses",
            "'\"grumpy cat'           | Unterminated",
            "cat or dog               | Ambiguous use of or",
            "cat and dog              | Ambiguous use of and",
            "-cat                     | non-negation",
            "-(cat OR dog) happy      | Negating a group",
            "lang:en                  | conjunction-required",
            "cat OR                   | Expected an operator",
            "has:media cat            | not implemented by this emulator",
            "shoe:42 cat              | invalid operator 'shoe'",
            "from: cat                | needs a value",
            "cat lang:english         | Invalid language code",
    })
    void invalidRules(String rule, String messagePart) {
        assertThatThrownBy(() -> RuleParser.parse(rule))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining(messagePart);
    }

    @org.junit.jupiter.api.Test
    void tooLongRulesAreRejected() {
        String rule = "word ".repeat(250);
        assertThatThrownBy(() -> RuleParser.parse(rule)).hasMessageContaining("exceeds the maximum of 1024");
    }

    /** Extracts the #words or @words of a test text, lower-cased, as entities would. */
    static final class TextTokensTestSupport {
        private TextTokensTestSupport() {
        }

        static Set<String> words(String text, char sigil) {
            return java.util.Arrays.stream(text.split("\\s+"))
                    .filter(w -> w.length() > 1 && w.charAt(0) == sigil)
                    .map(w -> w.substring(1).toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
        }
    }
}
