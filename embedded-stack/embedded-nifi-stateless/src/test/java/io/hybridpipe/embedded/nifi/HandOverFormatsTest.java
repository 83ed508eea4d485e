package io.hybridpipe.embedded.nifi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What crosses the boundary between the test JVM and the engine's JVM survives the trip unchanged. */
class HandOverFormatsTest {

    @TempDir
    Path directory;

    @Test
    void flowFilesKeepPortContentAttributesAndOrder() {
        FlowFileFolder writer = new FlowFileFolder(directory.resolve("flowfiles"));
        FlowFileData first = new FlowFileData("in", "é\n{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("filename", "a b=c.json", "kafka.key", "1"));
        FlowFileData second = new FlowFileData("other port", new byte[0], Map.of());
        writer.write(first);
        writer.write(second);

        List<FlowFileData> read = new FlowFileFolder(directory.resolve("flowfiles")).readAll();

        assertThat(read).hasSize(2);
        assertThat(read.get(0).port()).isEqualTo("in");
        assertThat(read.get(0).content()).isEqualTo(first.content());
        assertThat(read.get(0).attributes()).isEqualTo(first.attributes());
        assertThat(read.get(1).port()).isEqualTo("other port");
        assertThat(read.get(1).content()).isEmpty();
    }

    @Test
    void aTailHandsOverWholeBundlesInOrderAndDeletesThemOnlyOnRelease() throws Exception {
        Path folder = directory.resolve("engine-output");
        FlowFileFolder writer = new FlowFileFolder(folder);
        String longValue = "v".repeat(70_000); // beyond DataOutput.writeUTF's 64 KB
        writer.writeAll(List.of(flowFile("1", Map.of("big", longValue)), flowFile("2", Map.of())));
        writer.writeAll(List.of());
        writer.writeAll(List.of(flowFile("3", Map.of())));
        Files.writeString(folder.resolve("00000003.flowfiles.partial"), "still being written");

        FlowFileFolderTail tail = new FlowFileFolderTail(folder);
        List<FlowFileData> first = tail.take(1);
        List<FlowFileData> rest = tail.take(100);

        assertThat(first).extracting(FlowFileData::contentAsString).containsExactly("1", "2");
        assertThat(first.get(0).attribute("big")).isEqualTo(longValue);
        assertThat(rest).extracting(FlowFileData::contentAsString).containsExactly("3");
        assertThat(tail.take(100)).as("a partial bundle is not handed over").isEmpty();
        assertThat(new FlowFileFolderTail(folder).take(100)).as("unreleased bundles are still there").hasSize(3);
        tail.release();
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly("00000003.flowfiles.partial");
        }
    }

    @Test
    void aTruncatedBundleIsAnErrorNamingTheFile() throws Exception {
        Path folder = directory.resolve("broken");
        new FlowFileFolder(folder).write(flowFile("x", Map.of("k", "v")));
        Path bundle = folder.resolve("00000001.flowfiles");
        byte[] bytes = Files.readAllBytes(bundle);
        Files.write(bundle, java.util.Arrays.copyOf(bytes, bytes.length - 1));

        assertThatThrownBy(() -> new FlowFileFolderTail(folder).take(1)).hasMessageContaining("00000001.flowfiles is truncated");
    }

    private static FlowFileData flowFile(String content, Map<String, String> attributes) {
        return new FlowFileData("out", content.getBytes(StandardCharsets.UTF_8), attributes);
    }

    @Test
    void aMissingFolderHoldsNoFlowFiles() {
        assertThat(new FlowFileFolder(directory.resolve("never-written")).readAll()).isEmpty();
    }

    @Test
    void parameterValuesRoundTripWithAndWithoutContextAndNeverPrintTheirValue() throws Exception {
        List<ParameterValue> values = List.of(
                new ParameterValue(null, "x.bearer.token", "s3cr3t=with:odd#chars"),
                new ParameterValue("Context One", "directory", "/tmp/out"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParameterValues.write(values, out);

        assertThat(ParameterValues.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(values);
        assertThat(values.get(0).toString()).doesNotContain("s3cr3t");
    }

    @Test
    void noParameterValuesOnStandardInputIsAnError() {
        assertThatThrownBy(() -> ParameterValues.read(new ByteArrayInputStream(new byte[0])))
                .hasMessageContaining("standard input");
    }

    @Test
    void runSpecRoundTrips() throws Exception {
        RunSpec spec = new RunSpec(Path.of("/r"), Path.of("/w/engine"), Path.of("/w/extensions"), Path.of("/f.json"),
                Path.of("/w/in"), Path.of("/w/out"), Path.of("/w/summary"), Path.of("/w/stop"), Path.of("/w/batches"),
                new TriggerPlan(5, Duration.ofSeconds(7), true, Duration.ofMillis(1500)),
                Map.of("nifi.stateless.transaction.thresholds.flowfiles", "10"));
        Path file = directory.resolve("run.properties");
        spec.write(file);

        assertThat(RunSpec.read(file)).isEqualTo(spec);
    }

    @Test
    void aPlanFedInBatchesRoundTripsAndRefusesATriggerLimit() throws Exception {
        TriggerPlan plan = TriggerPlan.fedInBatchesUntilStopped().within(Duration.ofHours(3));
        RunSpec spec = new RunSpec(Path.of("/r"), Path.of("/w/engine"), Path.of("/w/extensions"), Path.of("/f.json"),
                Path.of("/w/in"), Path.of("/w/out"), Path.of("/w/summary"), Path.of("/w/stop"), Path.of("/w/batches"),
                plan, Map.of());
        Path file = directory.resolve("fed.properties");
        spec.write(file);

        assertThat(RunSpec.read(file).triggerPlan()).isEqualTo(plan);
        assertThat(plan.fedInBatches()).isTrue();
        assertThatThrownBy(() -> new TriggerPlan(3, Duration.ofMinutes(1), true, Duration.ZERO, true))
                .hasMessageContaining("no trigger limit");
    }

    @Test
    void aFedBatchRoundTripsThroughItsFolderAndIsPickedUpOnlyOnceWhole() throws Exception {
        BatchFolder folder = new BatchFolder(directory.resolve("batches"));
        assertThat(folder.isReady(1)).isFalse();

        folder.write(1, List.of(new FlowFileData("in", "a".getBytes(StandardCharsets.UTF_8), Map.of("k", "v")),
                new FlowFileData("in", "b".getBytes(StandardCharsets.UTF_8), Map.of())));

        assertThat(folder.isReady(1)).isTrue();
        assertThat(folder.isReady(2)).isFalse();
        assertThat(folder.inputs(1)).extracting(FlowFileData::contentAsString).containsExactly("a", "b");
        assertThat(folder.inputs(1).get(0).attributes()).containsEntry("k", "v");
        assertThatThrownBy(() -> folder.write(1, List.of())).hasMessageContaining("batch 1");

        folder.delete(1);
        assertThat(folder.isReady(1)).isFalse();
        assertThat(directory.resolve("batches")).isEmptyDirectory();
    }

    @Test
    void summaryRoundTripsWithAndWithoutFailure() throws Exception {
        Path file = directory.resolve("summary.properties");
        RunSummary failed = new RunSummary(3, 1, 2, "idle", "Trigger 2 failed: boom",
                Map.of("Tweets emitted", 42L, "Tweets emitted - ConsumeTwitterStream (id-1)", 42L));
        failed.write(file);
        assertThat(RunSummary.read(file)).isEqualTo(failed);

        RunSummary clean = new RunSummary(1, 0, 0, "max-triggers", null);
        clean.write(file);
        assertThat(RunSummary.read(file)).isEqualTo(clean);
    }

    @Test
    void onlyTheUnpackedFoldersOfTheGivenNarAreDeleted() throws Exception {
        Path engine = directory.resolve("engine");
        Path ours = Files.createDirectories(engine.resolve("nar/extensions/ours-1.0.nar-unpacked/META-INF"));
        Files.writeString(ours.resolve("MANIFEST.MF"), "old");
        Path theirs = Files.createDirectories(engine.resolve("nar/extensions/nifi-standard-nar-1.18.0.nar-unpacked"));

        UnpackedNarFolders.delete(engine, "ours-1.0.nar");

        assertThat(engine.resolve("nar/extensions/ours-1.0.nar-unpacked")).doesNotExist();
        assertThat(theirs).isDirectory();
    }

    @Test
    void anUnchangedExtraNarKeepsItsUnpackedFolderAChangedOneLosesItAndAnUnwantedOneGoes() throws Exception {
        Path engine = directory.resolve("engine");
        Path extensions = directory.resolve("extensions");
        Path source = Files.createDirectories(directory.resolve("build"));
        Path ours = Files.writeString(source.resolve("ours-1.0.nar"), "version 1");
        Path old = Files.writeString(source.resolve("old-1.0.nar"), "old");
        ExtraNars.install(List.of(ours, old), extensions, engine);
        Path oursUnpacked = Files.createDirectories(engine.resolve("nar/extensions/ours-1.0.nar-unpacked"));
        Path oldUnpacked = Files.createDirectories(engine.resolve("nar/extensions/old-1.0.nar-unpacked"));

        ExtraNars.install(List.of(ours), extensions, engine);
        assertThat(oursUnpacked).as("same bytes: unpacked folder reused").isDirectory();
        assertThat(oldUnpacked).doesNotExist();
        assertThat(extensions.resolve("old-1.0.nar")).doesNotExist();

        Files.writeString(ours, "version 2");
        ExtraNars.install(List.of(ours), extensions, engine);
        assertThat(oursUnpacked).as("rebuilt NAR: stale unpacked folder removed").doesNotExist();
        assertThat(extensions.resolve("ours-1.0.nar")).hasContent("version 2");
    }

    @Test
    void aDirectoryWithoutTheAssembledRuntimeIsRejectedWithHowToBuildIt() {
        assertThatThrownBy(() -> StatelessRuntime.at(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mvn -pl embedded-stack/embedded-nifi-stateless package");
    }

    @Test
    void theRuntimeTheBuildAssembledIsFound() {
        StatelessRuntime runtime = StatelessRuntime.locate();
        assertThat(runtime.directory().resolve("nifi-standard-nar-1.18.0.nar")).isRegularFile();
        assertThat(runtime.directory().resolve("java11")).isDirectory();
    }
}
