package io.hybridpipe.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX) // /proc; elsewhere the class reports nothing, by design
class StackResourcesTest {

    private static final String BUSY = "other (sh)";

    @Test
    void theCpuOfAnEngineThatEndedIsNotLost() throws Exception {
        try (StackResources resources = new StackResources(Path.of("target")).start()) {
            Process busy = busyChild();
            double cpuSeen;
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> cpuSeconds(busy.toHandle()) >= 1.5);
                await().atMost(Duration.ofSeconds(30)).until(() -> resources.cpuSecondsByEngine().getOrDefault(BUSY, 0.0) > 0);
                cpuSeen = cpuSeconds(busy.toHandle());
            } finally {
                busy.destroy();
                busy.waitFor(); // reaped by this JVM
            }
            assertThat(resources.peakMib()).isPositive();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, Double> byEngine = resources.cpuSecondsByEngine();
                // the whole of it in the total (exact), and all but its last second under its own name
                assertThat(byEngine.values().stream().mapToDouble(Double::doubleValue).sum()).isGreaterThanOrEqualTo(cpuSeen - 0.05);
                assertThat(byEngine.get(BUSY)).isGreaterThanOrEqualTo(cpuSeen - 1.2);
                assertThat(byEngine.values()).allSatisfy(seconds -> assertThat(seconds).isNotNegative());
            });
            assertThat(resources.sampledSeconds()).isPositive();
        }
    }

    @Test
    void anEngineRestartedDuringTheRunAddsItsNewProcessToTheOldOnesTime() throws Exception {
        Process before = busyChild(); // running when the measurement starts, like MirrorMaker 2 before chaos kills it
        await().atMost(Duration.ofSeconds(60)).until(() -> cpuSeconds(before.toHandle()) >= 1.0);
        try (StackResources resources = new StackResources(Path.of("target")).start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> resources.cpuSecondsByEngine().containsKey(BUSY));
            before.destroy();
            before.waitFor();
            Process after = busyChild(); // its restart: a new process, with less CPU than the old one had at the start
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> cpuSeconds(after.toHandle()) >= 0.6);
                // frozen, so its CPU stops growing while the assertion waits for a sample
                new ProcessBuilder("kill", "-STOP", Long.toString(after.pid())).start().waitFor();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    Map<String, Double> byEngine = resources.cpuSecondsByEngine();
                    // counting the engine as "now minus at the start" made this negative
                    assertThat(byEngine.get(BUSY)).isGreaterThanOrEqualTo(0.4);
                    assertThat(byEngine.values()).allSatisfy(seconds -> assertThat(seconds).isNotNegative());
                });
            } finally {
                after.destroyForcibly(); // SIGKILL: a stopped process would hold SIGTERM until continued
                after.waitFor();
            }
        } finally {
            before.destroyForcibly();
        }
    }

    @Test
    void aProcessSeenBeforeItsExecIsNamedByWhatItExecs() throws Exception {
        // a JVM's child is "java", then "jspawnhelper", before it execs: the CI run that sampled it then named it wrong
        try (StackResources resources = new StackResources(Path.of("target")).start()) {
            Process child = new ProcessBuilder("sh", "-c", "sleep 3; exec yes > /dev/null").start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> resources.cpuSecondsByEngine().containsKey(BUSY));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    Map<String, Double> byEngine = resources.cpuSecondsByEngine();
                    assertThat(byEngine).doesNotContainKey(BUSY).containsKey("other (yes)");
                    assertThat(byEngine.get("other (yes)")).isGreaterThanOrEqualTo(0.3);
                });
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
        }
    }

    private static Process busyChild() throws IOException {
        return new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }
}
