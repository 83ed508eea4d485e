package io.hybridpipe.nifi.twitter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridpipe.core.reconnect.BackoffSettings;
import io.hybridpipe.embedded.x.XApiEmulator;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A ConsumeTwitterStream in a nifi-mock TestRunner, pointed at an X API emulator over real HTTP on loopback,
 * with back-off scaled down so that reconnect tests take milliseconds instead of minutes.
 */
final class StreamHarness implements AutoCloseable {
    static final String TOKEN = "harness-token-7f3a91c2";
    private static final ObjectMapper JSON = new ObjectMapper();

    final XApiEmulator x;
    final ConsumeTwitterStream processor;
    final TestRunner runner;
    private boolean scheduled;

    StreamHarness(XApiEmulator.Builder emulator, double backoffScale) {
        this.x = emulator.bearerToken(TOKEN).build().start();
        this.processor = new ConsumeTwitterStream(BackoffSettings.defaults().scaled(backoffScale));
        this.runner = TestRunners.newTestRunner(processor);
        runner.setProperty(StreamProperties.BASE_URL, x.baseUrl());
        runner.setProperty(StreamProperties.BEARER_TOKEN, TOKEN);
        runner.setProperty(StreamProperties.STALL_TIMEOUT, "5 secs");
        runner.setProperty(StreamProperties.CONNECT_TIMEOUT, "2 secs");
    }

    static StreamHarness withRules(String rules) {
        StreamHarness h = new StreamHarness(XApiEmulator.builder(), 0.001);
        h.set(StreamProperties.STREAM_RULES, rules);
        return h;
    }

    StreamHarness set(PropertyDescriptor property, String value) {
        runner.setProperty(property, value);
        return this;
    }

    /** One onTrigger (the first also runs @OnScheduled), as NiFi would call it. */
    void trigger() {
        if (!scheduled) {
            runner.run(1, false, true);
            scheduled = true;
        } else {
            processor.onTrigger(runner.getProcessContext(), runner.getProcessSessionFactory());
        }
    }

    /** Triggers until {@code done}; fails with {@code what} when it takes longer than {@code timeout}. */
    void triggerUntil(String what, Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        trigger();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what + "; state "
                        + state() + "; warnings " + messages(runner.getLogger().getWarnMessages())
                        + "; errors " + messages(runner.getLogger().getErrorMessages()));
            }
            trigger();
        }
    }

    /** Waits (without triggering) until the reader has read {@code n} tweet lines. */
    void awaitTweetsRead(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processor.stats() == null || processor.stats().tweetsRead() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the reader read " + (processor.stats() == null ? 0 : processor.stats().tweetsRead())
                        + " tweets, expected " + n);
            }
            Thread.sleep(10);
        }
    }

    /** NiFi's stop: @OnUnscheduled, then @OnStopped once no onTrigger runs. */
    void stop() {
        runner.unSchedule();
        runner.stop();
        scheduled = false;
    }

    List<MockFlowFile> success() {
        return runner.getFlowFilesForRelationship(ConsumeTwitterStream.REL_SUCCESS);
    }

    List<MockFlowFile> errors() {
        return runner.getFlowFilesForRelationship(ConsumeTwitterStream.REL_ERRORS);
    }

    /** Tweet ids of every success FlowFile, in emission order, duplicates kept. */
    List<String> emittedIds() {
        List<String> ids = new ArrayList<>();
        for (MockFlowFile flowFile : success()) {
            for (String line : lines(flowFile)) {
                try {
                    ids.add(JSON.readTree(line).path("data").path("id").asText());
                } catch (IOException e) {
                    throw new UncheckedIOException("success content is not NDJSON: " + line, e);
                }
            }
        }
        return ids;
    }

    static List<String> lines(MockFlowFile flowFile) {
        String content = new String(flowFile.toByteArray(), StandardCharsets.UTF_8);
        if (!content.endsWith("\n")) {
            throw new AssertionError("NDJSON content must end with a newline");
        }
        return List.of(content.substring(0, content.length() - 1).split("\n", -1));
    }

    Map<String, String> state() {
        try {
            return runner.getStateManager().getState(Scope.LOCAL).toMap();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> allLogMessages() {
        return Stream.of(runner.getLogger().getInfoMessages(), runner.getLogger().getWarnMessages(),
                        runner.getLogger().getErrorMessages(), runner.getLogger().getDebugMessages())
                .flatMap(List::stream).map(StreamHarness::text).toList();
    }

    static List<String> messages(List<LogMessage> messages) {
        return messages.stream().map(StreamHarness::text).toList();
    }

    /** The message with its arguments filled in, as a bulletin shows it. */
    static String text(LogMessage m) {
        String text = m.getMsg();
        Object[] args = m.getArgs() == null ? new Object[0] : m.getArgs();
        for (Object arg : args) {
            int at = text.indexOf("{}");
            if (at < 0) {
                break;
            }
            text = text.substring(0, at) + arg + text.substring(at + 2);
        }
        return text + (m.getThrowable() == null ? "" : " " + m.getThrowable());
    }

    @Override
    public void close() {
        if (scheduled) {
            stop();
        }
        x.close();
    }
}
