package io.hybridpipe.local.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StagePollerTest {

    /**
     * The warehouse commits a Spark batch every few seconds and is polled every second: taken between two polls, its
     * rate read "0/s" most of the time while it loaded 1,500 tweets/s, and its peak was one batch over one second.
     */
    @Test
    void aStageThatCommitsInStepsShowsItsSteadyRateNotZerosAndSpikes() {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-29T03:00:00Z"));
        StepProbe warehouse = new StepProbe();
        StagePoller poller = new StagePoller(warehouse, clock, failure -> { });
        List<Double> rates = new ArrayList<>();
        for (int second = 0; second <= 40; second++) {
            warehouse.rows = second / 3 * 3_000L; // 3,000 rows committed every 3 s: 1,000/s
            poller.pollOnce();
            if (second >= 12) {
                rates.add(poller.state().ratePerSecond());
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(rates).allSatisfy(rate -> assertThat(rate).isBetween(700.0, 1_300.0));
    }

    @Test
    void theRateFollowsAChangeWithinTheWindow() {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-29T03:00:00Z"));
        StepProbe stage = new StepProbe();
        StagePoller poller = new StagePoller(stage, clock, failure -> { });
        for (int second = 0; second <= 30; second++) {
            stage.rows = second < 15 ? second * 2_000L : 30_000L; // 2,000/s, then nothing more
            poller.pollOnce();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(poller.state().ratePerSecond()).isZero();
        assertThat(poller.state().records()).isEqualTo(30_000);
    }

    private static final class StepProbe implements StageProbe {
        long rows;

        @Override
        public Stage stage() {
            return Stage.WAREHOUSE;
        }

        @Override
        public ProbeReading poll() {
            return new ProbeReading(rows, -1, rows);
        }

        @Override
        public IdCounts contents() {
            return new IdCounts();
        }

        @Override
        public void close() {
        }
    }
}
