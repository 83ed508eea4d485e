package io.hybridpipe.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/flow-registry on the shaded jar (Jersey's service files must survive shading) against the NiFi Registry double. */
class FlowRegistryScriptIT {
    @TempDir
    Path work;

    @Test
    void theScriptPushesAndPullsByteForByte() throws Exception {
        Path local = work.resolve("repo");
        Path file = Fixtures.copy(Fixtures.SAMPLE, local);
        try (NiFiRegistryDouble registry = NiFiRegistryDouble.startUnsecured()) {
            assertThat(script("normalise", "--dir", local.toString()).exitCode()).isZero();
            byte[] normalised = Files.readAllBytes(file);

            CliRun push = script("push", "--url", registry.url(), "--dir", local.toString(), "--comment", "from the script");
            assertThat(push.exitCode()).as(push.toString()).isZero();
            assertThat(push.out()).contains("tweets-sample: pushed version 1");

            Path pulled = work.resolve("pulled");
            CliRun pull = script("pull", "--url", registry.url(), "--dir", pulled.toString());
            assertThat(pull.exitCode()).as(pull.toString()).isZero();
            assertThat(Files.readAllBytes(pulled.resolve("tweets-sample.json"))).isEqualTo(normalised);

            CliRun diff = script("diff", "--url", registry.url(), "--dir", local.toString(), "tweets-sample");
            assertThat(diff.exitCode()).as(diff.toString()).isZero();
        }
    }

    private static CliRun script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", System.getProperty("flow-registry.script")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HYBRIDPIPE_FLOW_REGISTRY_JAR", System.getProperty("flow-registry.jar"));
        builder.environment().remove("NIFI_REGISTRY_TOKEN");
        Path err = Files.createTempFile("flow-registry", ".err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("flow-registry " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new CliRun(process.exitValue(), out, Files.readString(err));
    }
}
