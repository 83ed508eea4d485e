package io.hybridpipe.registry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The common scenarios against the NiFi Registry double (unsecured), plus what only the double can show. */
class FlowRegistryAgainstDoubleTest extends FlowRegistryScenarios {
    private NiFiRegistryDouble registry;

    @BeforeEach
    void start() throws Exception {
        registry = NiFiRegistryDouble.startUnsecured();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Override
    String registryUrl() {
        return registry.url();
    }

    @Test
    void anUnchangedPushReadsButAddsNoVersion() throws Exception {
        Path local = work.resolve("repo");
        Fixtures.canonicalCopy(Fixtures.SAMPLE, local);
        assertThat(cli("push", local, "--comment", "v1").exitCode()).isZero();
        int before = registry.requests().size();

        CliRun again = cli("push", local, "--comment", "v1 again");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        List<String> second = registry.requests().subList(before, registry.requests().size());
        assertThat(second).isNotEmpty().noneMatch(r -> r.startsWith("POST"));
    }
}
