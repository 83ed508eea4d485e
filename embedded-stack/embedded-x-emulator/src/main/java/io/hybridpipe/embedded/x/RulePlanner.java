package io.hybridpipe.embedded.x;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a rule into a {@link RulePlan}: for {@code OR} one alternative is chosen at random, for AND every part
 * is planted, negations plant nothing (the publisher re-checks the finished post against the rule).
 */
final class RulePlanner {

    private RulePlanner() {
    }

    static RulePlan plan(RuleNode rule, SplittableRandom random) {
        List<String> terms = new ArrayList<>();
        List<String> hashtags = new ArrayList<>();
        List<String> mentions = new ArrayList<>();
        String[] fromAndLang = new String[2];
        collect(rule, random, terms, hashtags, mentions, fromAndLang);
        return new RulePlan(terms, hashtags, mentions, fromAndLang[0], fromAndLang[1]);
    }

    private static void collect(RuleNode node, SplittableRandom random, List<String> terms, List<String> hashtags,
                                List<String> mentions, String[] fromAndLang) {
        if (node instanceof RuleNode.Or or) {
            RuleNode chosen = or.alternatives().get(random.nextInt(or.alternatives().size()));
            collect(chosen, random, terms, hashtags, mentions, fromAndLang);
        } else if (node instanceof RuleNode.And and) {
            and.parts().forEach(part -> collect(part, random, terms, hashtags, mentions, fromAndLang));
        } else if (node instanceof RuleNode.Terms t) {
            terms.add(t.quoted() ? String.join(" ", t.tokens()) : t.written());
        } else if (node instanceof RuleNode.Hashtag h) {
            hashtags.add(h.tag());
        } else if (node instanceof RuleNode.Mention m) {
            mentions.add(m.username());
        } else if (node instanceof RuleNode.From f) {
            fromAndLang[0] = f.user();
        } else if (node instanceof RuleNode.Lang l) {
            fromAndLang[1] = l.code();
        }
    }
}
