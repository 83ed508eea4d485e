package io.hybridpipe.embedded.x;

/** A stored rule together with its parsed form, ready to match posts. */
record CompiledRule(StreamRule rule, RuleNode node) {
}
