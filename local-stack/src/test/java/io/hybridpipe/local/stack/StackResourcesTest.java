package io.hybridpipe.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX) // /proc; elsewhere the class reports nothing, by design
class StackResourcesTest {

    @Test
    void theCpuOfAnEngineThatEndedIsNotLostButCountedUnderTheProcessThatStartedIt() throws Exception {
        try (StackResources resources = new StackResources(Path.of("target")).start()) {
            Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
            double cpuSeen;
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> cpuSeconds(busy.toHandle()) >= 1.5);
                await().atMost(Duration.ofSeconds(5)).until(() -> resources.cpuSecondsByEngine().containsKey("other (sh)"));
                cpuSeen = cpuSeconds(busy.toHandle());
            } finally {
                busy.destroy();
                busy.waitFor(); // reaped by this JVM: its time moves to this JVM's children's time
            }
            assertThat(resources.peakMib()).isPositive();
            double stackJvmBefore = resources.cpuSecondsByEngine().getOrDefault(StackResources.STACK_JVM, 0.0);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, Double> byEngine = resources.cpuSecondsByEngine();
                assertThat(byEngine).doesNotContainKey("other (sh)"); // gone from the tree...
                // ...and its CPU is under this JVM, which started it, not lost with it
                assertThat(byEngine.get(StackResources.STACK_JVM)).isGreaterThanOrEqualTo(stackJvmBefore + cpuSeen - 0.1);
            });
            assertThat(resources.sampledSeconds()).isPositive();
        }
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }
}
