package io.hybridpipe.embedded.nifi;

import io.hybridpipe.embedded.nifi.driver.StatelessFlowDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs small flows of nifi-standard-nar in the real NiFi Stateless 1.18.0 engine, in its own JVM. */
class StatelessFlowRunnerTest {

    // One engine working directory for the class: only the first run pays for unpacking the NARs.
    @TempDir
    static Path workingDirectory;

    @Test
    void generateFlowFileToPutFileWritesOneFilePerTrigger(@TempDir Path putFileDirectory) throws Exception {
        StatelessRunResult result = StatelessFlowRunner.builder()
                .workingDirectory(workingDirectory)
                .flowDefinition(flow("generate-to-putfile.json"))
                .parameter("output.directory", putFileDirectory.toString())
                .parameter("greeting", "hello stateless")
                .triggerPlan(TriggerPlan.times(3))
                .build()
                .run();

        assertThat(result.succeeded()).as(result.describeFailure()).isTrue();
        assertThat(result.summary()).hasValueSatisfying(summary -> assertThat(summary.triggers()).isEqualTo(3));
        assertThat(contentsOf(putFileDirectory)).containsExactly("hello stateless", "hello stateless", "hello stateless");
    }

    @Test
    void flowFilesFedIntoAnInputPortLeaveThroughTheOutputPortWithTheirNewContentAndAttributes() throws Exception {
        StatelessRunResult result = StatelessFlowRunner.builder()
                .workingDirectory(workingDirectory)
                .flowDefinition(flow("input-replace-extract-output.json"))
                .parameter("greeting", "Hello")
                .input("in", utf8("first tweet"), Map.of("source", "alpha"))
                .input("in", utf8("second tweet"), Map.of("source", "beta"))
                .input("in", utf8(""), Map.of("source", "gamma"))
                .triggerPlan(TriggerPlan.untilIdle())
                .build()
                .run();

        assertThat(result.succeeded()).as(result.describeFailure()).isTrue();
        assertThat(result.summary()).hasValueSatisfying(summary -> assertThat(summary.stopReason()).isEqualTo("idle"));
        List<FlowFileData> out = result.outputFlowFiles("out");
        assertThat(out).extracting(FlowFileData::contentAsString).containsExactlyInAnyOrder(
                "Hello from alpha: first tweet", "Hello from beta: second tweet", "Hello from gamma: ");
        assertThat(out).extracting(flowFile -> flowFile.attribute("source")).containsExactlyInAnyOrder("alpha", "beta", "gamma");
        assertThat(out).allSatisfy(flowFile -> assertThat(flowFile.attribute("first.word")).isEqualTo("Hello"));
        assertThat(result.outputFlowFiles("unmatched")).isEmpty();
    }

    @Test
    void aFlowWithAnUnknownProcessorTypeIsRefusedWithTheTypeInTheReason() throws Exception {
        StatelessRunResult result = StatelessFlowRunner.builder()
                .workingDirectory(workingDirectory)
                .flowDefinition(flow("unknown-processor.json"))
                .triggerPlan(TriggerPlan.times(1))
                .build()
                .run();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(StatelessFlowDriver.EXIT_CANNOT_RUN);
        assertThat(result.summary()).hasValueSatisfying(summary -> {
            assertThat(summary.triggers()).isZero();
            assertThat(summary.failure()).contains("NoSuchProcessor");
        });
        assertThat(result.errorLines()).isNotEmpty();
    }

    @Test
    void anInvalidFlowIsRefusedWithEveryValidationErrorInTheReason() throws Exception {
        StatelessRunResult result = StatelessFlowRunner.builder()
                .workingDirectory(workingDirectory)
                .flowDefinition(flow("invalid-putfile.json"))
                .triggerPlan(TriggerPlan.times(1))
                .build()
                .run();

        assertThat(result.exitCode()).isEqualTo(StatelessFlowDriver.EXIT_CANNOT_RUN);
        assertThat(result.summary()).hasValueSatisfying(summary -> assertThat(summary.failure())
                .contains("'Directory' is invalid because Directory is required")
                .contains("Relationship 'failure' is not connected"));
    }

    @Test
    void aProcessorThatThrowsFailsTheRunWithErrorLinesInsteadOfPassingSilently() throws Exception {
        StatelessRunResult result = StatelessFlowRunner.builder()
                .workingDirectory(workingDirectory)
                .flowDefinition(flow("debugflow-throws.json"))
                .input("in", utf8("doomed"), Map.of())
                .triggerPlan(TriggerPlan.untilIdle())
                .build()
                .run();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(StatelessFlowDriver.EXIT_TRIGGER_FAILED);
        assertThat(result.errorLines()).anySatisfy(line -> assertThat(line).contains("DebugFlow"));
        assertThat(result.summary()).hasValueSatisfying(summary -> {
            assertThat(summary.failedTriggers()).isPositive();
            assertThat(summary.failure()).contains("IllegalStateException");
        });
        assertThat(result.outputFlowFiles()).isEmpty();
    }

    @Test
    void aRequestedStopWaitsUntilTheFlowIsQuietAndKeepsWhatItProduced() throws Exception {
        StatelessFlowRunner runner = StatelessFlowRunner.builder()
                .workingDirectory(workingDirectory)
                .flowDefinition(flow("input-replace-extract-output.json"))
                .parameter("greeting", "Hi")
                .input("in", utf8("one"), Map.of("source", "s1"))
                .input("in", utf8("two"), Map.of("source", "s2"))
                .triggerPlan(TriggerPlan.untilStopped().drainingUntilQuietFor(Duration.ofMillis(500)))
                .build();

        StatelessRunResult result;
        try (RunningStatelessFlow flow = runner.start()) {
            flow.requestStop();
            result = flow.awaitResult(Duration.ofMinutes(3));
        }

        assertThat(result.succeeded()).as(result.describeFailure()).isTrue();
        assertThat(result.summary()).hasValueSatisfying(summary -> assertThat(summary.stopReason()).isEqualTo("stop-requested"));
        assertThat(result.outputFlowFiles("out")).extracting(FlowFileData::contentAsString)
                .containsExactlyInAnyOrder("Hi from s1: one", "Hi from s2: two");
    }

    @Test
    void aSourceThatNeverGoesQuietIsStoppedAfterFiveQuietPeriods(@TempDir Path putFileDirectory) throws Exception {
        StatelessFlowRunner runner = StatelessFlowRunner.builder()
                .workingDirectory(workingDirectory)
                .flowDefinition(flow("generate-to-putfile.json"))
                .parameter("output.directory", putFileDirectory.toString())
                .parameter("greeting", "again")
                .triggerPlan(TriggerPlan.untilStopped().drainingUntilQuietFor(Duration.ofMillis(200)))
                .build();

        StatelessRunResult result;
        try (RunningStatelessFlow flow = runner.start()) {
            flow.requestStop();
            result = flow.awaitResult(Duration.ofMinutes(3));
        }

        assertThat(result.exitCode()).as(result.describeFailure()).isZero();
        assertThat(result.summary()).hasValueSatisfying(summary -> assertThat(summary.stopReason()).isEqualTo("stop-requested-while-busy"));
        assertThat(contentsOf(putFileDirectory)).hasSize(result.summary().orElseThrow().triggers()).containsOnly("again");
    }

    @Test
    void aFlowWhoseSourceAndSinkWereSwappedForPortsIsFedAndCollectedThroughThem(@TempDir Path editedFlows) throws Exception {
        Path edited = editedFlows.resolve("generate-to-putfile-as-ports.json");
        FlowDefinitionEditor.read(flow("generate-to-putfile.json"))
                .replaceWithInputPort("GenerateFlowFile", "in", "success")
                .replaceWithOutputPort("PutFile", "out")
                .write(edited);

        StatelessRunResult result = StatelessFlowRunner.builder()
                .workingDirectory(workingDirectory)
                .flowDefinition(edited)
                .input("in", utf8("first"), Map.of("kafka.key", "1"))
                .input("in", utf8("second"), Map.of("kafka.key", "2"))
                .triggerPlan(TriggerPlan.untilIdle())
                .build()
                .run();

        assertThat(result.succeeded()).as(result.describeFailure()).isTrue();
        assertThat(result.outputFlowFiles("out")).extracting(FlowFileData::contentAsString).containsExactlyInAnyOrder("first", "second");
        assertThat(result.outputFlowFiles("out")).extracting(flowFile -> flowFile.attribute("kafka.key")).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void batchesFedToARunningEngineEachComeBackWithTheirOwnOutputFromTheSameDataflow() throws Exception {
        StatelessFlowRunner runner = StatelessFlowRunner.builder()
                .workingDirectory(workingDirectory)
                .flowDefinition(flow("input-replace-extract-output.json"))
                .parameter("greeting", "Hey")
                .triggerPlan(TriggerPlan.fedInBatchesUntilStopped().within(Duration.ofMinutes(5)))
                .build();

        StatelessRunResult run;
        FedBatchResult first;
        FedBatchResult second;
        try (RunningStatelessFlow flow = runner.start()) {
            FedBatch batch1 = flow.feed(List.of(
                    new FlowFileData("in", utf8("one"), Map.of("source", "a")),
                    new FlowFileData("in", utf8("two"), Map.of("source", "b"))));
            first = batch1.awaitResult(Duration.ofMinutes(3)).orElseThrow(() -> new AssertionError("no result for batch 1"));
            FedBatch batch2 = flow.feed(List.of(new FlowFileData("in", utf8("three"), Map.of("source", "c"))));
            second = batch2.awaitResult(Duration.ofMinutes(1)).orElseThrow(() -> new AssertionError("no result for batch 2"));
            assertThat(flow.isAlive()).as("the engine keeps running between batches").isTrue();
            batch1.discard();
            batch2.discard();
            flow.requestStop();
            run = flow.awaitResult(Duration.ofMinutes(1));
        }

        assertThat(first.succeeded()).as(first.describeFailure()).isTrue();
        assertThat(first.outputFlowFiles()).extracting(FlowFileData::contentAsString)
                .containsExactlyInAnyOrder("Hey from a: one", "Hey from b: two");
        assertThat(second.succeeded()).as(second.describeFailure()).isTrue();
        assertThat(second.outputFlowFiles()).extracting(FlowFileData::contentAsString).containsExactly("Hey from c: three");
        assertThat(run.succeeded()).as(run.describeFailure()).isTrue();
        assertThat(run.summary()).hasValueSatisfying(summary -> {
            assertThat(summary.stopReason()).isEqualTo("stop-requested");
            assertThat(summary.outputFlowFiles()).isEqualTo(3);
        });
        assertThat(Files.readAllLines(run.logFile())).filteredOn(line -> line.contains("Engine bootstrapped")).hasSize(1);
        assertThat(run.logFile().resolveSibling("batches")).isEmptyDirectory();
    }

    @Test
    void aBatchThatFailsLeavesNothingQueuedAndTheSameFlowFilesFedAgainComeOutOnce() throws Exception {
        // DebugFlow alternates: the first FlowFile passes, the second throws, the third passes
        StatelessFlowRunner runner = StatelessFlowRunner.builder()
                .workingDirectory(workingDirectory)
                .flowDefinition(flow("debugflow-alternating.json"))
                .triggerPlan(TriggerPlan.fedInBatchesUntilStopped().within(Duration.ofMinutes(5)))
                .build();

        FedBatchResult passed;
        FedBatchResult failed;
        FedBatchResult replayed;
        FedBatchResult refused;
        try (RunningStatelessFlow flow = runner.start()) {
            passed = flow.feed(List.of(new FlowFileData("in", utf8("A"), Map.of()))).awaitResult(Duration.ofMinutes(3)).orElseThrow();
            failed = flow.feed(List.of(new FlowFileData("in", utf8("B"), Map.of()))).awaitResult(Duration.ofMinutes(1)).orElseThrow();
            replayed = flow.feed(List.of(new FlowFileData("in", utf8("B"), Map.of()))).awaitResult(Duration.ofMinutes(1)).orElseThrow();
            refused = flow.feed(List.of(new FlowFileData("nope", utf8("C"), Map.of()))).awaitResult(Duration.ofMinutes(1)).orElseThrow();
            assertThat(flow.isAlive()).as("a refused batch does not end the engine").isTrue();
        }

        assertThat(passed.succeeded()).as(passed.describeFailure()).isTrue();
        assertThat(passed.outputFlowFiles()).extracting(FlowFileData::contentAsString).containsExactly("A");
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.summary().failure()).contains("IllegalStateException");
        assertThat(failed.errorLines()).anySatisfy(line -> assertThat(line).contains("DebugFlow"));
        assertThat(failed.outputFlowFiles()).isEmpty();
        assertThat(replayed.succeeded()).as(replayed.describeFailure()).isTrue();
        assertThat(replayed.outputFlowFiles()).extracting(FlowFileData::contentAsString).containsExactly("B");
        assertThat(replayed.errorLines()).as("only the failed batch's ERROR lines belong to it").isEmpty();
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.summary().failure()).contains("no input port named 'nope'");
    }

    @Test
    void anEngineThatIsNotFedInBatchesRefusesABatch() throws Exception {
        StatelessFlowRunner runner = StatelessFlowRunner.builder()
                .workingDirectory(workingDirectory)
                .flowDefinition(flow("input-replace-extract-output.json"))
                .parameter("greeting", "x")
                .triggerPlan(TriggerPlan.untilStopped())
                .build();
        try (RunningStatelessFlow flow = runner.start()) {
            assertThatThrownBy(() -> flow.feed(List.of())).hasMessageContaining("only a plan fed in batches");
        }
        assertThatThrownBy(() -> StatelessFlowRunner.builder()
                .workingDirectory(workingDirectory)
                .flowDefinition(flow("input-replace-extract-output.json"))
                .input("in", utf8("x"), Map.of())
                .triggerPlan(TriggerPlan.fedInBatchesUntilStopped())
                .build()).hasMessageContaining("RunningStatelessFlow.feed");
    }

    private static Path flow(String name) throws URISyntaxException {
        return Path.of(StatelessFlowRunnerTest.class.getResource("/flows/" + name).toURI());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> contentsOf(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().map(file -> {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
