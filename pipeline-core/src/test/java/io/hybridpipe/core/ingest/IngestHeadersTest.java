package io.hybridpipe.core.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestHeadersTest {

    @Test
    void ruleTagsRoundTripEvenWithCommasQuotesAndEmoji() {
        List<String> tags = List.of("nifi", "big, data", "rule \"one\"", "🚀", "");
        String encoded = IngestHeaders.encodeRuleTags(tags);
        assertThat(IngestHeaders.decodeRuleTags(encoded)).isEqualTo(tags);
        assertThat(IngestHeaders.decodeRuleTags(IngestHeaders.encodeRuleTags(List.of()))).isEmpty();
    }

    @Test
    void ingestedAtRoundTrips() {
        Instant t = Instant.parse("2026-11-28T12:00:05.123Z");
        assertThat(IngestHeaders.encodeIngestedAt(t)).isEqualTo("2026-11-28T12:00:05.123Z");
        assertThat(IngestHeaders.decodeIngestedAt(IngestHeaders.encodeIngestedAt(t))).isEqualTo(t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nifi,kafka", "{\"a\":1}", "[1,", "[null]"})
    void malformedRuleTagsHeaderIsAnError(String value) {
        assertThatThrownBy(() -> IngestHeaders.decodeRuleTags(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(IngestHeaders.RULE_TAGS);
    }
}
