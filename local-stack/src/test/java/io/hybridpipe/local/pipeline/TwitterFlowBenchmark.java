package io.hybridpipe.local.pipeline;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.hybridpipe.embedded.nifi.FlowFileFolderTail;
import io.hybridpipe.embedded.nifi.RunningStatelessFlow;
import io.hybridpipe.embedded.x.XApiEmulator;

/**
 * How many tweets a second twitter-to-kafka's NiFi Stateless engine (ConsumeTwitterStream -> SplitText ->
 * EvaluateJsonPath -> the port the stack bridges to Kafka) hands over, against the X emulator (the test double of X)
 * read by a bare line reader in the same process as the baseline. Tweets are emitted as fast as the reader takes them
 * (emission is paced by how far the reader is behind, so the emulator never drops a slow reader).
 *
 * <pre>
 * mvn -B -q -pl local-stack test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.hybridpipe.local.pipeline.TwitterFlowBenchmark -Dexec.args="100000"
 * </pre>
 */
public final class TwitterFlowBenchmark {

    private static final int MAX_AHEAD = 5_000;
    private static final int EMIT_CHUNK = 500;

    private TwitterFlowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tweets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path work = Files.createTempDirectory("twitter-flow-bench");
        try (XApiEmulator x = XApiEmulator.builder().bearerToken("bench-token").recordSentTweetIds(false).build().start()) {
            double bare = bareReader(x, Math.min(tweets, 50_000));
            System.out.printf("bare line reader:        %,10.0f tweets/s%n", bare);
            double engine = engine(x, work, tweets);
            System.out.printf("twitter-to-kafka engine: %,10.0f tweets/s (ratio %.2f to the bare reader)%n", engine, engine / bare);
        }
    }

    private static double bareReader(XApiEmulator x, int tweets) throws Exception {
        AtomicLong read = new AtomicLong();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(x.baseUrl() + "/2/tweets/sample/stream"))
                .header("Authorization", "Bearer bench-token").build();
        Thread reader = new Thread(() -> {
            try {
                HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while (read.get() < tweets && (line = lines.readLine()) != null) {
                        if (!line.isBlank()) {
                            read.incrementAndGet();
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        awaitConnections(x, 1);
        long start = System.nanoTime();
        emitKeepingAhead(x, tweets, read);
        reader.join();
        return tweets / ((System.nanoTime() - start) / 1e9);
    }

    private static double engine(XApiEmulator x, Path work, int tweets) throws Exception {
        int before = x.activeConnections();
        try (RunningStatelessFlow flow = NiFiFlows.twitterToKafka(work, x.baseUrl(), "bench-token").start()) {
            if (!EngineReadiness.awaitReady(flow, Duration.ofMinutes(3))) {
                throw new IllegalStateException("the engine did not get ready; see " + flow.logFile());
            }
            awaitConnections(x, before + 1);
            FlowFileFolderTail tail = new FlowFileFolderTail(flow.logFile().resolveSibling("output"));
            AtomicLong handedOver = new AtomicLong();
            Thread drain = new Thread(() -> {
                try {
                    while (handedOver.get() < tweets) {
                        int n = tail.take(2_000).size();
                        tail.release();
                        handedOver.addAndGet(n);
                        if (n == 0) {
                            Thread.sleep(5);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            drain.start();
            long start = System.nanoTime();
            emitKeepingAhead(x, tweets, handedOver);
            drain.join();
            double rate = tweets / ((System.nanoTime() - start) / 1e9);
            flow.stop();
            return rate;
        }
    }

    private static void emitKeepingAhead(XApiEmulator x, int tweets, AtomicLong consumed) throws InterruptedException {
        long emitted = 0;
        while (emitted < tweets) {
            if (emitted - consumed.get() < MAX_AHEAD) {
                int n = (int) Math.min(EMIT_CHUNK, tweets - emitted);
                x.emit(n);
                emitted += n;
            } else {
                Thread.sleep(1);
            }
        }
        while (consumed.get() < tweets) {
            Thread.sleep(1);
        }
    }

    private static void awaitConnections(XApiEmulator x, int connections) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (x.activeConnections() < connections) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no stream connection within 2 minutes");
            }
            Thread.sleep(20);
        }
    }
}
