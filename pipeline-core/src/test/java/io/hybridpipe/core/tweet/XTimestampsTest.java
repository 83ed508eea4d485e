package io.hybridpipe.core.tweet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XTimestampsTest {

    @Test
    void xShapeAgreesWithInstantParseOverManyInstants() throws InvalidTweetException {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)); // 1970 .. 2100
            String x = t.toString().length() == 24 ? t.toString() : String.format("%s.%03dZ", t.toString().substring(0, 19), t.getNano() / 1_000_000);
            assertThat(XTimestamps.parse(x)).as(x).isEqualTo(Instant.parse(x));
        }
    }

    @Test
    void wholeSecondShapeAgreesWithInstantParseOverManyInstants() throws InvalidTweetException {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String s = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L)).toString(); // 1970 .. 2100, no fraction
            assertThat(s).hasSize(20);
            assertThat(XTimestamps.parse(s)).as(s).isEqualTo(Instant.parse(s));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-28T12:00:00Z", "2026-11-28T12:00:00.123456Z", "2024-02-29T23:59:59.999Z", "2026-11-28T12:00:00.000Z",
            "2026-11-28T24:00:00.000Z", "2026-11-28T12:00:00.000+01:00"})
    void otherIsoInstantsAreStillAccepted(String s) throws InvalidTweetException {
        assertThat(XTimestamps.parse(s)).isEqualTo(Instant.parse(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00.000Z", "2026-11-28T12:60:00.000Z", "2026-13-01T00:00:00.000Z",
            "2026-02-30T00:00:00Z", "2026-11-28T12:60:00Z", "2026-11-28T12:00:0aZ",
            "2026-11-28 12:00:00.000Z", "2026-1a-28T12:00:00.000Z", "Sat Nov 28 12:00:00 +0000 2026", ""})
    void invalidInstantsAreRejectedWithAReason(String s) {
        assertThatThrownBy(() -> XTimestamps.parse(s))
                .isInstanceOf(InvalidTweetException.class)
                .hasMessage("data.created_at is not an ISO-8601 instant: " + s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1969-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"})
    void instantsOutsideFourDigitYearsSinceTheEpochAreRejected(String s) {
        assertThatThrownBy(() -> XTimestamps.parse(s))
                .isInstanceOf(InvalidTweetException.class)
                .hasMessageStartingWith("data.created_at is out of range");
    }

    @Test
    void theRangeEndsAreAccepted() throws InvalidTweetException {
        assertThat(XTimestamps.parse("1970-01-01T00:00:00.000Z")).isEqualTo(Instant.EPOCH);
        assertThat(XTimestamps.parse("9999-12-31T23:59:59.999Z")).isEqualTo(XTimestamps.MAX);
    }
}
