package io.hybridpipe.embedded.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateAndLimitsTest {

    private static final String FILTERED = "/2/tweets/search/stream";
    private static final String SAMPLE = "/2/tweets/sample/stream";

    @Test
    void theRateGeneratorStopsAtMaxTweetsAndKeepAlivesContinue() throws Exception {
        try (XApiEmulator x = XApiEmulator.builder().bearerToken("t").ratePerSecond(500).maxTweets(60)
                .keepAliveInterval(Duration.ofMillis(100)).build().start();
             RawStreamClient stream = RawStreamClient.open(x, SAMPLE, "t").startReading()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> x.generatedTweetCount() == 60);
            long keepAlivesAtStop = stream.keepAlives();
            Thread.sleep(500);
            assertThat(x.generatedTweetCount()).isEqualTo(60);
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.keepAlives() >= keepAlivesAtStop + 2);
            assertThat(stream.payloads().size()).isLessThanOrEqualTo(60);
            assertThat(x.sentTweetIds()).hasSize(stream.payloads().size());
        }
    }

    @Test
    void connectionAttemptsBeyondTheWindowLimitGet429WithResetHeaders() throws Exception {
        long nowSeconds = System.currentTimeMillis() / 1000;
        try (XApiEmulator x = XApiEmulator.builder().bearerToken("t").connectionsPer15Minutes(2).build().start()) {
            try (RawStreamClient first = RawStreamClient.open(x, FILTERED, "t")) {
                assertThat(first.status).isEqualTo(200);
                assertThat(first.headers).containsEntry("x-rate-limit-limit", "2").containsEntry("x-rate-limit-remaining", "1");
            }
            try (RawStreamClient second = RawStreamClient.open(x, FILTERED, "t")) {
                assertThat(second.headers).containsEntry("x-rate-limit-remaining", "0");
            }
            try (RawStreamClient third = RawStreamClient.open(x, FILTERED, "t")) {
                assertThat(third.status).isEqualTo(429);
                assertThat(Http.json(third.errorBody()).path("errors").get(0).path("code").asInt()).isEqualTo(88);
                long reset = Long.parseLong(third.headers.get("x-rate-limit-reset"));
                assertThat(reset).isBetween(nowSeconds + 15 * 60 - 5, nowSeconds + 15 * 60 + 5);
            }
            try (RawStreamClient otherEndpoint = RawStreamClient.open(x, SAMPLE, "t")) {
                assertThat(otherEndpoint.status).isEqualTo(200);
            }
            assertThat(x.connectionAttempts()).extracting(ConnectionAttempt::status).containsExactly(200, 200, 429, 200);
        }
    }

    @Test
    void withoutALimitNoRateLimitHeadersAreSent() throws Exception {
        try (XApiEmulator x = XApiEmulator.builder().bearerToken("t").build().start();
             RawStreamClient stream = RawStreamClient.open(x, FILTERED, "t")) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.headers).doesNotContainKey("x-rate-limit-limit");
        }
    }
}
