package io.hybridpipe.embedded.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackfillTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A clock the test moves by hand, to put posts minutes into the past. */
    private static final class ManualClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-28T12:00:00Z").toEpochMilli());

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    private static List<String> ids(RawStreamClient stream) {
        List<String> ids = new ArrayList<>();
        stream.payloads().forEach(line -> ids.add(Http.json(line).path("data").path("id").asText()));
        return ids;
    }

    @Test
    void reconnectWithBackfillResendsTheLastMinutesOldestFirstWithoutDeduplication() throws Exception {
        ManualClock clock = new ManualClock();
        try (XApiEmulator x = XApiEmulator.builder().bearerToken("t").clock(clock).build().start()) {
            List<String> old = x.emit(3);
            clock.advance(Duration.ofMinutes(3));
            List<String> recent;
            try (RawStreamClient first = RawStreamClient.open(x, "/2/tweets/sample/stream", "t").startReading()) {
                recent = x.emit(4);
                await().atMost(WAIT).until(() -> first.payloads().size() == 4);
            }
            await().atMost(WAIT).until(() -> x.activeConnections() == 0);
            List<String> missed = x.emit(2);
            clock.advance(Duration.ofSeconds(30));

            try (RawStreamClient second = RawStreamClient.open(x, "/2/tweets/sample/stream?backfill_minutes=2", "t")
                    .startReading()) {
                List<String> live = x.emit(1);
                List<String> expected = new ArrayList<>(recent);
                expected.addAll(missed);
                expected.addAll(live);
                await().atMost(WAIT).until(() -> second.payloads().size() == expected.size());
                assertThat(ids(second)).isEqualTo(expected).doesNotContainAnyElementsOf(old);
            }
            assertThat(x.sentTweetIds()).hasSize(4 + 4 + 2 + 1);
            List<String> distinct = new ArrayList<>(recent);
            distinct.addAll(missed);
            distinct.add(x.sentTweetIds().get(x.sentTweetIds().size() - 1));
            assertThat(x.distinctSentTweetIds()).isEqualTo(distinct);
            // the log can be followed from any position, repeats included
            assertThat(x.sentTweetIdsFrom(4)).isEqualTo(x.sentTweetIds().subList(4, 11));
            assertThat(x.sentTweetIdsFrom(11)).isEmpty();
            assertThat(x.sentTweetIdsFrom(50)).isEmpty();
        }
    }

    @Test
    void withoutBackfillAConnectionGetsOnlyLivePosts() throws Exception {
        try (XApiEmulator x = XApiEmulator.builder().bearerToken("t").build().start()) {
            x.emit(5);
            try (RawStreamClient stream = RawStreamClient.open(x, "/2/tweets/sample/stream", "t").startReading()) {
                List<String> live = x.emit(2);
                await().atMost(WAIT).until(() -> stream.payloads().size() == 2);
                assertThat(ids(stream)).isEqualTo(live);
            }
        }
    }

    @Test
    void filteredBackfillAppliesTheCurrentRules() throws Exception {
        try (XApiEmulator x = XApiEmulator.builder().bearerToken("t").build().start()) {
            List<String> unmatched = x.emit(5);
            x.addRule("kafka", "k");
            List<String> matched = x.emit(5);
            try (RawStreamClient stream = RawStreamClient.open(x, "/2/tweets/search/stream?backfill_minutes=5", "t")
                    .startReading()) {
                await().atMost(WAIT).until(() -> stream.payloads().size() >= 5);
                assertThat(ids(stream)).containsAll(matched);
                for (String line : stream.payloads()) {
                    assertThat(Http.json(line).path("matching_rules").get(0).path("tag").asText()).isEqualTo("k");
                }
                List<String> leaked = new ArrayList<>(ids(stream));
                leaked.retainAll(unmatched);
                for (String id : leaked) {
                    assertThat(stream.payloads().stream().filter(l -> l.contains(id)).findFirst().orElseThrow()
                            .toLowerCase(java.util.Locale.ROOT)).contains("kafka");
                }
            }
        }
    }
}
