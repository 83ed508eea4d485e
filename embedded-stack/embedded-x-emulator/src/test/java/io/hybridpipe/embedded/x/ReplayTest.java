package io.hybridpipe.embedded.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    private static final List<String> RECORDING = List.of(
            "{\"data\":{\"id\":\"1500000000000000001\",\"text\":\"recorded 😀 שלום\"},\"matching_rules\":[{\"id\":\"9\",\"tag\":\"t\"}]}",
            "",
            "{\"errors\":[{\"title\":\"operational-disconnect\"}]}",
            "{\"data\":{\"id\":\"1500000000000000002\",\"text\":\"cut off",
            "{\"includes\":{},\"data\":{\"text\":\"fields in another order\",\"id\":\"1500000000000000003\"}}");

    @TempDir
    Path dir;

    @Test
    void replaySendsEveryNonBlankLineVerbatimAndCountsThePosts() throws Exception {
        Path file = dir.resolve("recorded.ndjson");
        Files.write(file, RECORDING, StandardCharsets.UTF_8);
        try (XApiEmulator x = XApiEmulator.builder().bearerToken("t").build().start();
             RawStreamClient sample = RawStreamClient.open(x, "/2/tweets/sample/stream", "t").startReading();
             RawStreamClient filtered = RawStreamClient.open(x, "/2/tweets/search/stream", "t").startReading()) {
            assertThat(x.replay(file)).isEqualTo(4);
            List<String> expected = RECORDING.stream().filter(l -> !l.isBlank()).toList();
            await().atMost(Duration.ofSeconds(5)).until(() -> sample.payloads().size() == 4 && filtered.payloads().size() == 4);
            assertThat(sample.payloads()).isEqualTo(expected);
            assertThat(filtered.payloads()).isEqualTo(expected);
            assertThat(x.distinctSentTweetIds()).containsExactly("1500000000000000001", "1500000000000000003");
            assertThat(x.sentTweetIds()).hasSize(4);
        }
    }
}
