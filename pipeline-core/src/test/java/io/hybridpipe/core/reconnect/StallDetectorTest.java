package io.hybridpipe.core.reconnect;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StallDetectorTest {
    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void defaultTimeoutIsTheHeartbeatPlusAMargin() {
        assertThat(StallDetector.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(30));
        assertThat(StallDetector.DEFAULT_TIMEOUT).isGreaterThan(Duration.ofSeconds(20));
    }

    @Test
    void stalledOnlyAfterMoreThanTheTimeoutWithoutBytes() {
        StallDetector d = new StallDetector(StallDetector.DEFAULT_TIMEOUT);
        d.onConnected(T0);
        assertThat(d.isStalled(T0.plusSeconds(20))).isFalse();  // a heartbeat just late is not a stall
        assertThat(d.isStalled(T0.plusSeconds(30))).isFalse();
        assertThat(d.isStalled(T0.plusSeconds(31))).isTrue();
    }

    @Test
    void keepAliveBytesPostponeTheStall() {
        StallDetector d = new StallDetector(Duration.ofSeconds(30));
        d.onConnected(T0);
        for (int s = 20; s <= 200; s += 20) {
            d.onBytes(T0.plusSeconds(s));
            assertThat(d.isStalled(T0.plusSeconds(s + 29))).isFalse();
        }
        assertThat(d.isStalled(T0.plusSeconds(200 + 31))).isTrue();
    }

    @Test
    void withoutAnyActivityTheFirstCheckStartsTheClock() {
        StallDetector d = new StallDetector(Duration.ofSeconds(30));
        assertThat(d.isStalled(T0)).isFalse();
        assertThat(d.isStalled(T0.plusSeconds(31))).isTrue();
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> new StallDetector(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
