package io.hybridpipe.core.reconnect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static List<Duration> delays(ReconnectPolicy policy, FailureClass c, int n) {
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(policy.nextDelay(c, Optional.empty(), NOW));
        }
        return out;
    }

    private static List<Duration> millis(long... ms) {
        List<Duration> out = new ArrayList<>();
        for (long m : ms) {
            out.add(Duration.ofMillis(m));
        }
        return out;
    }

    @Test
    void networkFailuresBackOffLinearlyBy250msUpTo16s() {
        ReconnectPolicy p = new ReconnectPolicy(BackoffSettings.defaults());
        List<Duration> d = delays(p, FailureClass.NETWORK, 70);
        assertThat(d.subList(0, 6)).isEqualTo(millis(0, 250, 500, 750, 1000, 1250));
        assertThat(d.get(64)).isEqualTo(Duration.ofSeconds(16));  // 64 * 250 ms
        assertThat(d.get(63)).isEqualTo(Duration.ofMillis(15_750));
        assertThat(d.get(69)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void httpFailuresBackOffExponentiallyFrom5sUpTo320s() {
        ReconnectPolicy p = new ReconnectPolicy(BackoffSettings.defaults());
        assertThat(delays(p, FailureClass.HTTP, 10))
                .isEqualTo(millis(0, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 320_000, 320_000));
    }

    @Test
    void rateLimitedFailuresBackOffExponentiallyFrom60s() {
        ReconnectPolicy p = new ReconnectPolicy(BackoffSettings.defaults());
        assertThat(delays(p, FailureClass.RATE_LIMITED, 7))
                .isEqualTo(millis(0, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000));
    }

    @Test
    void rateLimitedNeverRetriesBeforeTheResetEvenTheImmediateRetry() {
        ReconnectPolicy p = new ReconnectPolicy(BackoffSettings.defaults());
        Optional<Instant> reset = Optional.of(NOW.plusSeconds(600));
        assertThat(p.nextDelay(FailureClass.RATE_LIMITED, reset, NOW)).isEqualTo(Duration.ofSeconds(600));
        // later: the back-off (60 s) is shorter than what is left until the reset (300 s)
        assertThat(p.nextDelay(FailureClass.RATE_LIMITED, reset, NOW.plusSeconds(300))).isEqualTo(Duration.ofSeconds(300));
        // a reset already past does not shorten the back-off
        assertThat(p.nextDelay(FailureClass.RATE_LIMITED, Optional.of(NOW.minusSeconds(5)), NOW)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void backOffLongerThanTheResetWins() {
        ReconnectPolicy p = new ReconnectPolicy(BackoffSettings.defaults());
        p.nextDelay(FailureClass.RATE_LIMITED, Optional.empty(), NOW);
        p.nextDelay(FailureClass.RATE_LIMITED, Optional.empty(), NOW);
        assertThat(p.nextDelay(FailureClass.RATE_LIMITED, Optional.of(NOW.plusSeconds(10)), NOW)).isEqualTo(Duration.ofSeconds(120));
    }

    @ParameterizedTest
    @EnumSource(FailureClass.class)
    void successResetsToOneImmediateRetryAndTheStartOfTheSequence(FailureClass c) {
        ReconnectPolicy p = new ReconnectPolicy(BackoffSettings.defaults());
        List<Duration> first = delays(p, c, 5);
        assertThat(p.attemptsSinceSuccess()).isEqualTo(5);
        p.onConnected();
        assertThat(p.attemptsSinceSuccess()).isZero();
        assertThat(delays(p, c, 5)).isEqualTo(first);
        assertThat(first.get(0)).isZero();
        assertThat(first.get(1)).isPositive();
    }

    @Test
    void onlyTheFirstFailureAfterASuccessIsImmediateAndEachClassCountsItsOwnFailures() {
        ReconnectPolicy p = new ReconnectPolicy(BackoffSettings.defaults());
        assertThat(p.nextDelay(FailureClass.HTTP, Optional.empty(), NOW)).isZero();
        assertThat(p.nextDelay(FailureClass.NETWORK, Optional.empty(), NOW)).isEqualTo(Duration.ofMillis(250));
        assertThat(p.nextDelay(FailureClass.HTTP, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.nextDelay(FailureClass.NETWORK, Optional.empty(), NOW)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.nextDelay(FailureClass.HTTP, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.attemptsSinceSuccess()).isEqualTo(5);
    }

    @Test
    void scaledSettingsKeepTheShapeOfEverySequence() {
        ReconnectPolicy p = new ReconnectPolicy(BackoffSettings.defaults().scaled(0.01));
        assertThat(delays(p, FailureClass.HTTP, 9)).isEqualTo(millis(0, 50, 100, 200, 400, 800, 1600, 3200, 3200));
        ReconnectPolicy n = new ReconnectPolicy(BackoffSettings.defaults().scaled(0.01));
        assertThat(delays(n, FailureClass.NETWORK, 3)).isEqualTo(List.of(Duration.ZERO, Duration.ofNanos(2_500_000), Duration.ofMillis(5)));
    }

    @Test
    void exponentialBackOffDoesNotOverflowAfterManyFailures() {
        ReconnectPolicy p = new ReconnectPolicy(BackoffSettings.defaults());
        List<Duration> d = delays(p, FailureClass.HTTP, 200);
        assertThat(d.get(199)).isEqualTo(Duration.ofSeconds(320));
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> BackoffSettings.defaults().scaled(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackoffSettings(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConnectionThatLastedResetsTheBackOff() {
        ReconnectPolicy p = new ReconnectPolicy(BackoffSettings.defaults());
        delays(p, FailureClass.HTTP, 4);
        p.onConnected(NOW);
        assertThat(p.nextDelay(FailureClass.HTTP, Optional.empty(), NOW.plusSeconds(30))).isZero();
        assertThat(p.nextDelay(FailureClass.HTTP, Optional.empty(), NOW.plusSeconds(30))).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.attemptsSinceSuccess()).isEqualTo(2);
    }

    @Test
    void aConnectionClosedAtOnceContinuesTheBackOffInsteadOfRetryingImmediately() {
        ReconnectPolicy p = new ReconnectPolicy(BackoffSettings.defaults());
        assertThat(p.nextDelay(FailureClass.HTTP, Optional.empty(), NOW)).isZero();
        Instant t = NOW;
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            p.onConnected(t);                      // X accepts the connection ...
            t = t.plusMillis(200);
            Duration d = p.nextDelay(FailureClass.HTTP, Optional.empty(), t); // ... and hangs up (TooManyConnections)
            delays.add(d);
            t = t.plus(d);
        }
        assertThat(delays).isEqualTo(millis(5_000, 10_000, 20_000, 40_000));
        assertThat(p.attemptsSinceSuccess()).isEqualTo(5);
    }

    @Test
    void healthyAfterIsScaledWithTheRest() {
        assertThat(BackoffSettings.defaults().healthyAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(BackoffSettings.defaults().scaled(0.01).healthyAfter()).isEqualTo(Duration.ofMillis(300));
    }
}
