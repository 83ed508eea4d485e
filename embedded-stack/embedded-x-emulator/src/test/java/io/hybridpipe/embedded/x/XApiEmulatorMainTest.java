package io.hybridpipe.embedded.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class XApiEmulatorMainTest {

    @TempDir
    Path dir;

    private static XApiEmulatorMain parse(String... args) {
        XApiEmulatorMain main = new XApiEmulatorMain();
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void optionsBecomeARunningEmulatorAndTheCustomTokenIsNeverPrinted() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        XApiEmulatorMain main = parse("--port", "0", "--rate", "200", "--seed", "3", "--token", "s3cret-token",
                "--keep-alive-seconds", "1");
        try (XApiEmulator x = main.start(new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(output).contains(x.baseUrl()).contains("curl -N").doesNotContain("s3cret-token");
            assertThat(Http.get(x, "/2/tweets/search/stream/rules", "emulator-test-token").statusCode()).isEqualTo(401);
            assertThat(Http.get(x, "/2/tweets/search/stream/rules", "s3cret-token").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> x.generatedTweetCount() >= 100);
            try (RawStreamClient stream = RawStreamClient.open(x, "/2/tweets/sample/stream", "s3cret-token").startReading()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> stream.payloads().size() >= 20);
            }
        }
    }

    @Test
    void replayWaitsForAStreamThenSendsTheFile() throws Exception {
        Path file = dir.resolve("r.ndjson");
        Files.write(file, List.of("{\"data\":{\"id\":\"1\",\"text\":\"a\"}}", "{\"data\":{\"id\":\"2\",\"text\":\"b\"}}"),
                StandardCharsets.UTF_8);
        XApiEmulatorMain main = parse("--port", "0", "--rate", "0", "--replay", file.toString());
        try (XApiEmulator x = main.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            Thread.sleep(300);
            assertThat(x.sentTweetCount()).isZero();
            try (RawStreamClient stream = RawStreamClient.open(x, "/2/tweets/sample/stream", XApiEmulatorMain.DEFAULT_TOKEN)
                    .startReading()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> stream.payloads().size() == 2);
                assertThat(stream.payloads().get(1)).isEqualTo("{\"data\":{\"id\":\"2\",\"text\":\"b\"}}");
            }
            assertThat(x.generatedTweetCount()).isZero();
        }
    }
}
