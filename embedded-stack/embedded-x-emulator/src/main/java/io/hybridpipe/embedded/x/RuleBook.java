package io.hybridpipe.embedded.x;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The filtered stream's rule set. Additions are atomic as on X: if any rule of a request is invalid or a
 * duplicate, none is created. Changes apply to open streams at once (X takes up to about 20 s).
 */
final class RuleBook {

    /** The outcome of one rule of an add request. */
    record AddOutcome(StreamRule rule, String problemTitle, String detail, String duplicateOf) {
        boolean valid() {
            return problemTitle == null;
        }
    }

    /** Outcomes in request order, and whether the rules were stored. */
    record AddResult(List<AddOutcome> outcomes, boolean created) {
    }

    /** Ids deleted and ids (or values) that did not name a rule. */
    record DeleteResult(List<String> deleted, List<String> notFound) {
    }

    private static final long FIRST_RULE_ID = 1_862_500_000_000_000_000L;

    private final List<CompiledRule> rules = new ArrayList<>();
    private volatile List<CompiledRule> snapshot = List.of();
    private long nextId = FIRST_RULE_ID;

    synchronized AddResult add(List<StreamRule> requested, boolean dryRun) {
        List<AddOutcome> outcomes = new ArrayList<>();
        List<CompiledRule> accepted = new ArrayList<>();
        Set<String> valuesInRequest = new HashSet<>();
        long id = nextId;
        for (StreamRule wanted : requested) {
            CompiledRule existing = findByValue(wanted.value());
            if (existing != null) {
                outcomes.add(new AddOutcome(wanted, "DuplicateRule", null, existing.rule().id()));
                continue;
            }
            if (!valuesInRequest.add(wanted.value())) {
                outcomes.add(new AddOutcome(wanted, "DuplicateRule", "The rule appears twice in this request.", null));
                continue;
            }
            try {
                RuleNode node = RuleParser.parse(wanted.value());
                StreamRule stored = new StreamRule(Long.toString(id++), wanted.value(), wanted.tag());
                accepted.add(new CompiledRule(stored, node));
                outcomes.add(new AddOutcome(stored, null, null, null));
            } catch (InvalidRuleException e) {
                outcomes.add(new AddOutcome(wanted, "UnprocessableEntity", e.getMessage(), null));
            }
        }
        boolean create = !dryRun && accepted.size() == requested.size();
        if (create) {
            nextId = id;
            rules.addAll(accepted);
            snapshot = List.copyOf(rules);
        }
        return new AddResult(outcomes, create);
    }

    synchronized DeleteResult delete(List<String> ids, List<String> values, boolean dryRun) {
        List<String> deleted = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        List<CompiledRule> remaining = new ArrayList<>(rules);
        for (String id : ids) {
            if (remaining.removeIf(r -> r.rule().id().equals(id))) {
                deleted.add(id);
            } else {
                notFound.add(id);
            }
        }
        for (String value : values) {
            CompiledRule match = remaining.stream().filter(r -> r.rule().value().equals(value)).findFirst().orElse(null);
            if (match == null) {
                notFound.add(value);
            } else {
                remaining.remove(match);
                deleted.add(match.rule().id());
            }
        }
        if (!dryRun) {
            rules.clear();
            rules.addAll(remaining);
            snapshot = List.copyOf(rules);
        }
        return new DeleteResult(deleted, notFound);
    }

    /** The rules in creation order; safe to read from any thread without locking. */
    List<CompiledRule> compiled() {
        return snapshot;
    }

    List<StreamRule> rules() {
        return snapshot.stream().map(CompiledRule::rule).toList();
    }

    /** The rules the post matches, in rule order; empty if none. */
    List<StreamRule> matching(MatchableTweet tweet) {
        List<CompiledRule> current = snapshot;
        List<StreamRule> matched = null;
        for (CompiledRule rule : current) {
            if (rule.node().matches(tweet)) {
                if (matched == null) {
                    matched = new ArrayList<>(2);
                }
                matched.add(rule.rule());
            }
        }
        return matched == null ? List.of() : matched;
    }

    private CompiledRule findByValue(String value) {
        for (CompiledRule rule : rules) {
            if (rule.rule().value().equals(value)) {
                return rule;
            }
        }
        return null;
    }
}
