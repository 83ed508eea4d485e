package io.hybridpipe.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * {@code hybridpipe up} with real engines: prints how to connect, a user's own Kafka client reads tweets through
 * those details while it runs, and once it stops no child process is left and the ports are closed.
 */
class UpCommandTest {

    private static final Pattern ONPREM = Pattern.compile("Kafka onprem\\s+bootstrap.servers=(127\\.0\\.0\\.1):(\\d+)");

    @Test
    void printsConnectionDetailsThatWorkAndLeavesNoProcessBehind() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> HybridPipeCli.execute(new String[] {
                "up", "--rate", "50", "--stop-after", "60s", "--work-dir", "target/tmp/up-test"},
                new PrintWriter(out, true), new PrintWriter(err, true)));

        await("connection details printed").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                .until(() -> out.toString().contains("The X emulator emits") || exit.isDone());
        String printed = out.toString();
        assertThat(printed).as("%s\n%s", printed, err).contains("Connect with your own tools:", "jdbc:hive2://127.0.0.1:",
                "jdbc:postgresql://127.0.0.1:", "S3 endpoint       http://127.0.0.1:", "S3 access key     hybridpipe-test-access",
                "(S3Proxy's fixed local test key, not a real secret)");
        assertThat(printed).as("the per-run X bearer token is never printed").doesNotContainPattern("local-[0-9a-f]{8}-");
        Matcher onprem = ONPREM.matcher(printed);
        assertThat(onprem.find()).as(printed).isTrue();
        String bootstrap = onprem.group(1) + ":" + onprem.group(2);

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "a-users-own-tool",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("tweets"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            int seen = 0;
            while (seen == 0 && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(1));
                seen = records.count();
                records.forEach(r -> assertThat(r.value()).contains("\"id\":\"" + r.key() + "\""));
            }
            assertThat(seen).as("tweets reach Kafka onprem while up runs").isPositive();
        }

        assertThat(exit.get(5, TimeUnit.MINUTES)).as("%s\n%s", out, err).isEqualTo(HybridPipeCli.EXIT_OK);
        assertThat(out.toString()).contains("Stopped; no engine left running.");
        assertThat(CliRun.leftoverChildren()).as("child processes after up stopped").isEmpty();
        int port = Integer.parseInt(onprem.group(2));
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            }
        }).as("Kafka onprem's port is closed").isInstanceOf(IOException.class);
    }
}
