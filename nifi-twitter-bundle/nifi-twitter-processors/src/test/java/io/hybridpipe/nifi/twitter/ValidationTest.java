package io.hybridpipe.nifi.twitter;

import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/** Validation messages say what to change. */
class ValidationTest {
    private TestRunner runner;

    @BeforeEach
    void setUp() {
        runner = TestRunners.newTestRunner(ConsumeTwitterStream.class);
        runner.setProperty(StreamProperties.BEARER_TOKEN, "token");
        runner.setProperty(StreamProperties.STREAM_RULES, "cats: cat");
    }

    @Test
    void defaultsWithATokenAndRulesAreValid() {
        runner.assertValid();
    }

    @Test
    void aBadRuleLineIsNamed() {
        runner.setProperty(StreamProperties.STREAM_RULES, "cats: cat\nno colon here");
        assertThat(problems()).contains("line 2 'no colon here'");
    }

    @Test
    void rulesOnTheSampleStreamAreRefused() {
        runner.setProperty(StreamProperties.STREAM_ENDPOINT, "sample");
        assertThat(problems()).contains("rules apply to the filtered stream only");
    }

    @Test
    void rulesThatWouldNeverBeAppliedAreRefused() {
        runner.setProperty(StreamProperties.RULE_SYNC_STRATEGY, "leave-as-is");
        assertThat(problems()).contains("would never be applied");
    }

    @Test
    void makeExactlyTheseWithoutRulesIsRefused() {
        runner.removeProperty(StreamProperties.STREAM_RULES);
        runner.setProperty(StreamProperties.RULE_SYNC_STRATEGY, "exact");
        assertThat(problems()).contains("would delete every rule");
    }

    @Test
    void aStallTimeoutUnderXsKeepAliveIsRefusedOnTheRealApiOnly() {
        runner.setProperty(StreamProperties.STALL_TIMEOUT, "10 secs");
        assertThat(problems()).contains("keep-alive every 20 s");
        runner.setProperty(StreamProperties.BASE_URL, "http://127.0.0.1:8080");
        runner.assertValid();
    }

    @Test
    void outOfRangeNumbersAndBadFieldListsAreRefused() {
        runner.setProperty(StreamProperties.BACKFILL_MINUTES, "6");
        runner.assertNotValid();
        runner.setProperty(StreamProperties.BACKFILL_MINUTES, "5");
        runner.setProperty(StreamProperties.TWEET_FIELDS, "created_at, lang");
        assertThat(problems()).contains("separated by commas without spaces");
    }

    private String problems() {
        Collection<ValidationResult> results = ((MockProcessContext) runner.getProcessContext()).validate();
        return results.stream().filter(r -> !r.isValid()).map(ValidationResult::toString).reduce("", String::concat);
    }
}
