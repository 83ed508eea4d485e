package io.hybridpipe.registry;

import io.hybridpipe.embedded.nifi.FlowFileData;
import io.hybridpipe.embedded.nifi.StatelessFlowRunner;
import io.hybridpipe.embedded.nifi.StatelessRunResult;
import io.hybridpipe.embedded.nifi.TriggerPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical form is still a flow NiFi imports: a flow pushed to the NiFi Registry double and
 * pulled back is run in a real engine, NiFi Stateless 1.18.0, with its own parameter context.
 */
class PulledFlowRunsInNiFiStatelessTest {
    @TempDir
    Path work;

    @Test
    void aPulledFlowRunsInNiFiStatelessWithItsParameterContext() throws Exception {
        Path local = work.resolve("repo");
        Fixtures.canonicalCopy("engine-sample", local);
        Path pulled = work.resolve("pulled");
        try (NiFiRegistryDouble registry = NiFiRegistryDouble.startUnsecured()) {
            assertThat(CliRun.run(Map.of(), "push", "--url", registry.url(), "--dir", local.toString(), "--comment", "v1").exitCode()).isZero();
            CliRun pull = CliRun.run(Map.of(), "pull", "--url", registry.url(), "--dir", pulled.toString(), "engine-sample");
            assertThat(pull.exitCode()).as(pull.toString()).isZero();
        }
        Path flow = pulled.resolve("engine-sample.json");
        assertThat(Files.readAllBytes(flow)).isEqualTo(Files.readAllBytes(local.resolve("engine-sample.json")));

        StatelessRunResult result = StatelessFlowRunner.builder()
                .workingDirectory(work.resolve("engine"))
                .flowDefinition(flow)
                .input("in", "first tweet".getBytes(StandardCharsets.UTF_8), Map.of())
                .input("in", "second tweet".getBytes(StandardCharsets.UTF_8), Map.of())
                .triggerPlan(TriggerPlan.untilIdle())
                .build()
                .run();

        assertThat(result.succeeded()).as(result.describeFailure()).isTrue();
        assertThat(result.outputFlowFiles("out")).extracting(FlowFileData::contentAsString)
                .containsExactlyInAnyOrder("Hello: first tweet", "Hello: second tweet");
        assertThat(result.outputFlowFiles("failed")).isEmpty();
    }
}
