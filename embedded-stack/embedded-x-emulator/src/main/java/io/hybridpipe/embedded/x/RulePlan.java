package io.hybridpipe.embedded.x;

import java.util.List;

/**
 * What a generated post must contain so that it matches one chosen rule: words or phrases for its text,
 * hashtags, mentions, its author ({@code from}) and its language. Null or empty where the rule says nothing.
 */
record RulePlan(List<String> terms, List<String> hashtags, List<String> mentions, String from, String lang) {

    static final RulePlan NONE = new RulePlan(List.of(), List.of(), List.of(), null, null);
}
