package io.hybridpipe.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The flow-registry scenarios that hold for any NiFi Registry: run against the NiFi Registry
 * double always, and against a real Registry when HYBRIDPIPE_NIFI_REGISTRY_URL is set. Each test
 * uses a bucket of its own, so a shared real Registry is not disturbed.
 */
abstract class FlowRegistryScenarios {
    @TempDir
    Path work;

    final String bucket = "hybridpipe-test-" + UUID.randomUUID().toString().substring(0, 8);

    abstract String registryUrl();

    /** Extra connection arguments (TLS stores) the Registry needs. */
    List<String> connectionArgs() {
        return List.of();
    }

    /** Environment the tool reads secrets from (token, store passwords). */
    Map<String, String> environment() {
        return Map.of();
    }

    CliRun cli(String command, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--url", registryUrl(), "--bucket", bucket, "--dir", dir.toString()));
        args.addAll(connectionArgs());
        args.addAll(List.of(more));
        return CliRun.run(environment(), args.toArray(new String[0]));
    }

    @Test
    void versionLifecycleIdempotentPushAndByteStablePull() throws Exception {
        Path local = work.resolve("repo");
        Path file = Fixtures.canonicalCopy(Fixtures.SAMPLE, local);
        byte[] version1 = Files.readAllBytes(file);

        CliRun first = cli("push", local, "--comment", "first version");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("tweets-sample: pushed version 1");

        CliRun again = cli("push", local, "--comment", "nothing changed");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("tweets-sample: unchanged, Registry already has it as version 1");

        Path pulled = work.resolve("pulled");
        CliRun pull = cli("pull", pulled);
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertThat(Files.readAllBytes(pulled.resolve("tweets-sample.json"))).isEqualTo(version1);

        CliRun pullOver = cli("pull", local);
        assertThat(pullOver.exitCode()).as(pullOver.toString()).isZero();
        assertThat(pullOver.out()).contains("already holds");
        assertThat(Files.readAllBytes(file)).isEqualTo(version1);

        SampleEdits.changeTopic(file, "tweets-v2");
        CliRun second = cli("push", local, "--comment", "topic tweets-v2");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("tweets-sample: pushed version 2");
        byte[] version2 = Files.readAllBytes(file);

        CliRun list = cli("list", local);
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("tweets-sample").contains("v2").contains("topic tweets-v2").contains("[local: same as latest]");

        CliRun pullOld = cli("pull", pulled, "--version", "1", "tweets-sample");
        assertThat(pullOld.exitCode()).as(pullOld.toString()).isZero();
        assertThat(Files.readAllBytes(pulled.resolve("tweets-sample.json"))).isEqualTo(version1);

        CliRun pullLatest = cli("pull", pulled, "tweets-sample");
        assertThat(pullLatest.exitCode()).as(pullLatest.toString()).isZero();
        assertThat(Files.readAllBytes(pulled.resolve("tweets-sample.json"))).isEqualTo(version2);
    }

    @Test
    void diffShowsWhatChangedAgainstAVersionInReadableForm() throws Exception {
        Path local = work.resolve("repo");
        Path file = Fixtures.canonicalCopy(Fixtures.SAMPLE, local);
        assertThat(cli("push", local, "--comment", "v1").exitCode()).isZero();

        CliRun same = cli("diff", local, "tweets-sample");
        assertThat(same.exitCode()).as(same.toString()).isZero();
        assertThat(same.out()).contains("same content as " + bucket + "/tweets-sample latest version");

        SampleEdits.changeTopic(file, "tweets-v2");
        CliRun diff = cli("diff", local, "--version", "1", "tweets-sample");
        assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(1);
        assertThat(diff.out()).contains("--- " + bucket + "/tweets-sample version 1")
                .contains("~ parameterContexts.hybridpipe-ingest.parameters['kafka.topic']");
    }

    @Test
    void pullOfAFlowOrVersionTheRegistryDoesNotHaveIsA404WithAClearMessage() throws Exception {
        Path local = work.resolve("repo");
        Fixtures.canonicalCopy(Fixtures.SAMPLE, local);

        CliRun noBucket = cli("pull", local, "tweets-sample");
        assertThat(noBucket.exitCode()).as(noBucket.toString()).isEqualTo(4);
        assertThat(noBucket.err()).contains("404 Not Found: bucket '" + bucket + "' does not exist");

        assertThat(cli("push", local, "--comment", "v1").exitCode()).isZero();
        CliRun noFlow = cli("pull", local, "no-such-flow");
        assertThat(noFlow.exitCode()).as(noFlow.toString()).isEqualTo(4);
        assertThat(noFlow.err()).contains("404 Not Found: flow 'no-such-flow' is not in bucket");

        CliRun noVersion = cli("pull", local, "--version", "9", "tweets-sample");
        assertThat(noVersion.exitCode()).as(noVersion.toString()).isEqualTo(4);
        assertThat(noVersion.err()).contains("reading version 9 of flow 'tweets-sample' failed: 404 Not Found");
    }

    @Test
    void aVersionPushedByOthersBetweenReadAndWriteIsA409() throws Exception {
        Path local = work.resolve("repo");
        Path file = Fixtures.canonicalCopy(Fixtures.SAMPLE, local);
        assertThat(cli("push", local, "--comment", "v1").exitCode()).isZero();
        SampleEdits.changeTopic(file, "tweets-v2");

        try (RegistryGateway registry = gateway()) {
            FlowPusher pusher = new FlowPusher(registry, bucket);
            FlowPusher.PushPlan stale = pusher.plan(FlowDefinitionReader.read(file));
            assertThat(stale.latestVersion()).isEqualTo(1);

            CliRun meanwhile = cli("push", local, "--comment", "someone else's v2");
            assertThat(meanwhile.exitCode()).as(meanwhile.toString()).isZero();

            assertThatThrownBy(() -> pusher.apply(stale, "my v2"))
                    .isInstanceOf(RegistryFailure.class)
                    .hasMessageContaining("adding version 2 of flow 'tweets-sample' failed: 409 Conflict")
                    .satisfies(e -> assertThat(((RegistryFailure) e).status()).isEqualTo(409));
        }
    }

    @Test
    void anInvalidFlowFileIsRejectedBeforeAnythingIsSent() throws Exception {
        Path local = work.resolve("repo");
        Fixtures.canonicalCopy(Fixtures.SAMPLE, local);
        Files.writeString(local.resolve("broken.json"), "{\"flowContents\": [1, 2]}");

        CliRun push = cli("push", local, "--comment", "v1");
        assertThat(push.exitCode()).as(push.toString()).isEqualTo(3);
        assertThat(push.err()).contains("broken.json is not a valid NiFi flow definition: it has no 'flowContents' object");
        assertThat(cli("pull", work.resolve("x"), "tweets-sample").exitCode()).as("nothing was pushed").isEqualTo(4);
    }

    @Test
    void pushRefusesAFileNotInCanonicalFormUntilNormalised() throws Exception {
        Path local = work.resolve("repo");
        Fixtures.copy(Fixtures.SAMPLE, local);

        CliRun push = cli("push", local, "--comment", "v1");
        assertThat(push.exitCode()).as(push.toString()).isEqualTo(3);
        assertThat(push.err()).contains("not in canonical form").contains("flow-registry normalise");

        CliRun check = CliRun.run(Map.of(), "normalise", "--check", "--dir", local.toString());
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        CliRun normalise = CliRun.run(Map.of(), "normalise", "--dir", local.toString());
        assertThat(normalise.exitCode()).as(normalise.toString()).isZero();
        assertThat(CliRun.run(Map.of(), "normalise", "--check", "--dir", local.toString()).exitCode()).isZero();

        assertThat(cli("push", local, "--comment", "v1").exitCode()).isZero();
    }

    RegistryGateway gateway() throws Exception {
        return connectionOptions().connect();
    }

    /** The connection options the tool would parse from this test's arguments. */
    ConnectionOptions connectionOptions() {
        List<String> args = new ArrayList<>(List.of("--url", registryUrl()));
        args.addAll(connectionArgs());
        ConnectionOptions options = new ConnectionOptions(environment());
        new picocli.CommandLine(options).parseArgs(args.toArray(new String[0]));
        return options;
    }
}
