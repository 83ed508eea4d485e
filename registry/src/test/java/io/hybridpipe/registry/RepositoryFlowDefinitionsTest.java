package io.hybridpipe.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's own flows (flow-definitions/*.json) are flow definitions this tool accepts, and go
 * through the NiFi Registry double and back byte for byte once normalised. Works on a copy: the
 * files of flow-definitions/ are never changed by this test.
 */
class RepositoryFlowDefinitionsTest {
    private static final Path FLOW_DEFINITIONS = Path.of("..", FlowFiles.DEFAULT_DIRECTORY).toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void everyCommittedProjectFlowIsAlreadyInCanonicalFormSoPushAcceptsItAsIs() {
        CliRun check = CliRun.run(Map.of(), "normalise", "--check", "--dir", FLOW_DEFINITIONS.toString());
        assertThat(check.exitCode()).as("run 'registry/bin/flow-registry normalise' and commit: " + check).isZero();
    }

    @Test
    void everyProjectFlowIsValidAndSurvivesPushAndPullByteForByte() throws Exception {
        List<Path> originals = FlowFiles.list(FLOW_DEFINITIONS);
        assertThat(originals).as("flow files in " + FLOW_DEFINITIONS).isNotEmpty();
        Path local = work.resolve("flow-definitions");
        Files.createDirectories(local);
        for (Path original : originals) {
            Files.copy(original, local.resolve(original.getFileName()));
        }
        CliRun normalise = CliRun.run(Map.of(), "normalise", "--dir", local.toString());
        assertThat(normalise.exitCode()).as(normalise.toString()).isZero();

        try (NiFiRegistryDouble registry = NiFiRegistryDouble.startUnsecured()) {
            CliRun push = CliRun.run(Map.of(), "push", "--url", registry.url(), "--dir", local.toString(), "--comment", "project flows");
            assertThat(push.exitCode()).as(push.toString()).isZero();
            Path pulled = work.resolve("pulled");
            CliRun pull = CliRun.run(Map.of(), "pull", "--url", registry.url(), "--dir", pulled.toString());
            assertThat(pull.exitCode()).as(pull.toString()).isZero();
            for (Path original : originals) {
                Path name = original.getFileName();
                assertThat(Files.readAllBytes(pulled.resolve(name))).as(name.toString()).isEqualTo(Files.readAllBytes(local.resolve(name)));
            }
        }
    }
}
