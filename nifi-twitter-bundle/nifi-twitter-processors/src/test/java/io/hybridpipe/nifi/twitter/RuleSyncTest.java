package io.hybridpipe.nifi.twitter;

import io.hybridpipe.embedded.x.ConnectionAttempt;
import io.hybridpipe.embedded.x.StreamRule;
import io.hybridpipe.embedded.x.XApiEmulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Rule synchronisation against the emulator's rules API, one test per strategy. */
class RuleSyncTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String RULES = "cats: cat -from:bots\ndogs: dog lang:en";

    private static StreamHarness harness(String strategy) {
        StreamHarness h = new StreamHarness(XApiEmulator.builder(), 0.001);
        h.set(StreamProperties.RULE_SYNC_STRATEGY, strategy).set(StreamProperties.STREAM_RULES, RULES);
        return h;
    }

    @Test
    void addMissingAddsTheConfiguredRulesAndDeletesNothing() {
        try (StreamHarness h = harness("add-missing")) {
            h.x.addRule("bird", "birds");
            h.x.addRule("cat -from:bots", "felines");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            assertThat(h.x.rules()).extracting(StreamRule::tag, StreamRule::value).containsExactlyInAnyOrder(
                    tuple("birds", "bird"), tuple("felines", "cat -from:bots"), tuple("dogs", "dog lang:en"));
        }
    }

    @Test
    void exactLeavesExactlyTheConfiguredRules() {
        try (StreamHarness h = harness("exact")) {
            h.x.addRule("bird", "birds");
            h.x.addRule("cat -from:bots", "felines");
            h.x.addRule("dog lang:en", "dogs");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            assertThat(h.x.rules()).extracting(StreamRule::tag, StreamRule::value).containsExactlyInAnyOrder(
                    tuple("cats", "cat -from:bots"), tuple("dogs", "dog lang:en"));
            assertThat(h.x.rules()).filteredOn(r -> r.tag().equals("dogs")).singleElement()
                    .as("an identical rule is kept, not re-created").extracting(StreamRule::id).isNotNull();
            List<String> sent = h.x.emit(20);
            h.triggerUntil("tweets", WAIT, () -> h.emittedIds().containsAll(sent));
        }
    }

    @Test
    void leaveAsIsNeverCallsTheRulesApi() {
        try (StreamHarness h = new StreamHarness(XApiEmulator.builder(), 0.001)) {
            h.set(StreamProperties.RULE_SYNC_STRATEGY, "leave-as-is");
            h.x.addRule("bird", "birds");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            assertThat(h.x.connectionAttempts()).extracting(ConnectionAttempt::path)
                    .containsOnly("/2/tweets/search/stream");
            assertThat(h.x.rules()).extracting(StreamRule::tag).containsExactly("birds");
        }
    }

    @Test
    void aRuleXRefusesIsAnErrorBulletinNamingItAndTheStreamIsNotOpened() {
        try (StreamHarness h = new StreamHarness(XApiEmulator.builder(), 0.001)) {
            h.set(StreamProperties.STREAM_RULES, "broken: (cat");
            h.triggerUntil("two refusals", WAIT, () -> h.x.connectionAttempts().stream()
                    .filter(a -> a.path().endsWith("/rules")).count() >= 4);
            assertThat(StreamHarness.messages(h.runner.getLogger().getErrorMessages()))
                    .anyMatch(m -> m.contains("(cat") && m.contains("Stream Rules"));
            assertThat(h.x.connectionAttempts()).extracting(ConnectionAttempt::path)
                    .doesNotContain("/2/tweets/search/stream");
        }
    }
}
