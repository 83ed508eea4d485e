package io.hybridpipe.nifi.twitter;

import io.hybridpipe.embedded.x.ConnectionAttempt;
import io.hybridpipe.embedded.x.XApiEmulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each injected fault ends in a working stream again, after the back-off of its failure class. Back-off runs at
 * 1/100 of X's documented values here (HTTP 50 ms doubling, 429 600 ms doubling, network +2.5 ms).
 */
class ReconnectTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String STREAM_PATH = "/2/tweets/search/stream";

    private static StreamHarness harness() {
        return harness(XApiEmulator.builder(), 0.01);
    }

    private static StreamHarness harness(XApiEmulator.Builder emulator, double backoffScale) {
        StreamHarness h = new StreamHarness(emulator, backoffScale);
        h.set(StreamProperties.STREAM_RULES, "cats: cat").set(StreamProperties.MAX_BATCH_LATENCY, "100 ms");
        return h;
    }

    @Test
    void abruptDisconnectIsANetworkFailureAndNoTweetIsMissingOrDuplicated() throws Exception {
        try (StreamHarness h = harness()) {
            h.set(StreamProperties.BACKFILL_MINUTES, "1");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            List<String> generated = new ArrayList<>(h.x.emit(100));
            h.triggerUntil("100 tweets", WAIT, () -> h.emittedIds().size() == 100);

            h.x.faults().disconnectAfterTweets(30);
            generated.addAll(h.x.emit(200));
            h.triggerUntil("reconnected", WAIT, () -> h.processor.stats().connections() == 2);
            generated.addAll(h.x.emit(50));
            h.triggerUntil("all 350 distinct tweets", WAIT, () -> new HashSet<>(h.emittedIds()).size() == 350);

            List<String> emitted = h.emittedIds();
            assertThat(emitted).as("no duplicates").doesNotHaveDuplicates();
            assertThat(new HashSet<>(emitted)).as("nothing missing").isEqualTo(new HashSet<>(h.x.distinctSentTweetIds()))
                    .isEqualTo(new HashSet<>(generated));
            assertThat(h.x.sentTweetIds().size()).as("backfill re-sent tweets the processor already had")
                    .isGreaterThan(h.x.distinctSentTweetIds().size());
            assertThat(h.processor.stats().duplicatesSkipped()).isEqualTo(h.x.sentTweetIds().size() - 350L);
            assertThat(h.processor.stats().failures(io.hybridpipe.core.reconnect.FailureClass.NETWORK)).isEqualTo(1);
            Map<String, String> state = stateAfterPublish(h);
            assertThat(state).containsEntry(StreamStats.LAST_FAILURE_CLASS, "NETWORK")
                    .containsEntry(StreamStats.LAST_RETRY_DELAY_MS, "0");
        }
    }

    @Test
    void stalledStreamIsDroppedAfterTheStallTimeoutAndReopened() throws Exception {
        // keep-alives every 200 ms keep the reopened stream alive under a 1 s stall timeout
        try (StreamHarness h = harness(XApiEmulator.builder().keepAliveInterval(Duration.ofMillis(200)), 0.01)) {
            h.set(StreamProperties.STALL_TIMEOUT, "1 sec");
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            h.x.faults().stall(Duration.ofSeconds(30));
            long stalledAt = System.nanoTime();
            h.triggerUntil("reconnected", WAIT, () -> h.processor.stats().connections() == 2);
            assertThat(Duration.ofNanos(System.nanoTime() - stalledAt)).isGreaterThanOrEqualTo(Duration.ofMillis(900))
                    .isLessThan(Duration.ofSeconds(10));
            List<String> sent = h.x.emit(20);
            h.triggerUntil("tweets after the stall", WAIT, () -> h.emittedIds().containsAll(sent));
            assertThat(stateAfterPublish(h).get(StreamStats.LAST_FAILURE)).contains("stalled");
            assertThat(h.processor.stats().failures(io.hybridpipe.core.reconnect.FailureClass.NETWORK)).isEqualTo(1);
        }
    }

    @Test
    void httpErrorsBackOffExponentiallyThenRecover() throws Exception {
        try (StreamHarness h = harness()) {
            h.x.faults().rejectNextConnections(4, 503, Map.of(), null);
            h.triggerUntil("connected after 4 refusals", WAIT, () -> h.x.activeConnections() == 1);
            List<Instant> attempts = streamAttempts(h);
            assertThat(attempts).hasSize(5);
            // 1st retry immediate, then 50, 100, 200 ms (X: 5 s doubling, scaled by 0.01)
            assertThat(gap(attempts, 2)).isGreaterThanOrEqualTo(Duration.ofMillis(45));
            assertThat(gap(attempts, 3)).isGreaterThanOrEqualTo(Duration.ofMillis(95));
            assertThat(gap(attempts, 4)).isGreaterThanOrEqualTo(Duration.ofMillis(195));
            assertThat(h.processor.stats().failures(io.hybridpipe.core.reconnect.FailureClass.HTTP)).isEqualTo(4);
            List<String> sent = h.x.emit(10);
            h.triggerUntil("tweets after recovery", WAIT, () -> h.emittedIds().containsAll(sent));
            assertThat(StreamHarness.messages(h.runner.getLogger().getErrorMessages()))
                    .as("the third failure in a row is an ERROR bulletin").anyMatch(m -> m.contains("HTTP 503"));
        }
    }

    @Test
    void rateLimitWaitsForTheResetTime() throws Exception {
        try (StreamHarness h = harness()) {
            h.x.faults().rateLimitNextConnections(2, Duration.ofSeconds(2));
            Instant start = Instant.now();
            h.triggerUntil("connected after 429s", WAIT, () -> h.x.activeConnections() == 1);
            List<Instant> attempts = streamAttempts(h);
            assertThat(attempts).hasSize(3);
            Instant reset = Instant.ofEpochSecond((start.toEpochMilli() + 2000 + 999) / 1000);
            assertThat(attempts.get(1)).as("not even the immediate retry goes before x-rate-limit-reset")
                    .isAfterOrEqualTo(reset.minusMillis(20));
            assertThat(h.processor.stats().failures(io.hybridpipe.core.reconnect.FailureClass.RATE_LIMITED)).isEqualTo(2);
            assertThat(StreamHarness.messages(h.runner.getLogger().getWarnMessages()))
                    .anyMatch(m -> m.contains("HTTP 429") && m.contains("rate limit resets at"));
        }
    }

    @Test
    void inStreamDisconnectMessagesGoToErrorsAndTheStreamReopens() throws Exception {
        try (StreamHarness h = harness()) {
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            h.x.faults().sendOperationalDisconnect();
            h.triggerUntil("reconnected", WAIT, () -> h.processor.stats().connections() == 2 && h.x.activeConnections() == 1);
            h.x.faults().sendTooManyConnections();
            h.triggerUntil("reconnected again", WAIT, () -> h.processor.stats().connections() == 3 && h.x.activeConnections() == 1);
            List<String> sent = h.x.emit(5);
            h.triggerUntil("tweets", WAIT, () -> h.emittedIds().containsAll(sent));

            assertThat(h.errors()).hasSize(2);
            h.errors().forEach(f -> f.assertAttributeEquals(ErrorAttributes.MESSAGE_TYPE, "stream-error"));
            assertThat(h.errors().get(0).getAttribute(ErrorAttributes.ERROR_TYPE)).isEqualTo("operational-disconnect");
            assertThat(h.errors().get(1).getAttribute(ErrorAttributes.ERROR_TYPE)).isEqualTo("TooManyConnections");
            assertThat(h.processor.stats().failures(io.hybridpipe.core.reconnect.FailureClass.HTTP))
                    .as("TooManyConnections backs off as an HTTP error").isEqualTo(1);
        }
    }

    @Test
    void rejectedTokenGivesAClearBulletinKeepsRetryingAndNeverShowsTheToken() throws Exception {
        try (StreamHarness h = harness()) {
            String wrongToken = "wrong-token-0c7e55aa";
            h.set(StreamProperties.BEARER_TOKEN, wrongToken).set(StreamProperties.RULE_SYNC_STRATEGY, "leave-as-is")
                    .set(StreamProperties.STREAM_RULES, "");
            h.runner.removeProperty(StreamProperties.STREAM_RULES);
            h.triggerUntil("5 attempts", WAIT, () -> streamAttempts(h).size() >= 5);

            assertThat(h.x.connectionAttempts()).allSatisfy(a -> assertThat(a.status()).isEqualTo(401));
            assertThat(StreamHarness.messages(h.runner.getLogger().getErrorMessages()))
                    .anyMatch(m -> m.contains("HTTP 401") && m.contains("Bearer Token"));
            assertThat(h.allLogMessages()).noneMatch(m -> m.contains(wrongToken) || m.contains(StreamHarness.TOKEN));
            assertThat(stateAfterPublish(h).values()).noneMatch(v -> v.contains(wrongToken));
            assertThat(h.processor.stats().failures(io.hybridpipe.core.reconnect.FailureClass.HTTP)).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void persistentFailureKeepsTryingWithBulletinsUntilTheServerIsBack() throws Exception {
        try (StreamHarness h = harness(XApiEmulator.builder(), 0.001)) {
            h.x.faults().rejectNextConnections(9, 500, Map.of(), null);
            h.triggerUntil("connected after 9 failures", WAIT, () -> h.x.activeConnections() == 1);
            assertThat(streamAttempts(h)).hasSize(10);
            assertThat(h.runner.getLogger().getErrorMessages()).hasSizeGreaterThanOrEqualTo(7);
            List<String> sent = h.x.emit(5);
            h.triggerUntil("tweets", WAIT, () -> h.emittedIds().containsAll(sent));
        }
    }

    @Test
    void aServerThatHangsUpAtOnceDoesNotEarnAnImmediateRetryEachTime() throws Exception {
        // back-off at 1/10 of X's values: HTTP 500 ms doubling; a connection is healthy after 3 s
        try (StreamHarness h = harness(XApiEmulator.builder(), 0.1)) {
            h.triggerUntil("connected", WAIT, () -> h.x.activeConnections() == 1);
            for (int connection = 2; connection <= 4; connection++) {
                int expected = connection;
                h.x.faults().sendTooManyConnections();
                h.triggerUntil("reconnected " + expected, WAIT,
                        () -> h.processor.stats().connections() == expected && h.x.activeConnections() == 1);
            }
            List<Instant> attempts = streamAttempts(h);
            assertThat(attempts).hasSize(4);
            assertThat(gap(attempts, 2)).as("second hang-up in a row backs off (HTTP 500 ms)")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(450));
            assertThat(gap(attempts, 3)).as("third hang-up in a row backs off further (HTTP 1 s)")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    private static Map<String, String> stateAfterPublish(StreamHarness h) throws InterruptedException {
        Thread.sleep(1100);
        h.trigger();
        return h.state();
    }

    private static List<Instant> streamAttempts(StreamHarness h) {
        return h.x.connectionAttempts().stream().filter(a -> a.path().equals(STREAM_PATH)).map(ConnectionAttempt::at).toList();
    }

    private static Duration gap(List<Instant> attempts, int i) {
        return Duration.between(attempts.get(i - 1), attempts.get(i));
    }
}
