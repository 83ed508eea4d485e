package io.hybridpipe.embedded.nifi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hybridpipe.embedded.nifi.driver.StatelessFlowDriver;

/** An engine whose NiFi deadlocked creating the dataflow (exit code EXIT_DATAFLOW_DEADLOCK) is started again. */
class DeadlockRestartTest {

    @TempDir
    Path dir;

    @Test
    void anEngineThatDeadlockedIsStartedAgainAndTheRunIsTheNewEnginesRun() throws Exception {
        List<Boolean> launches = new ArrayList<>();
        Path log = dir.resolve("stateless.log");
        RunningStatelessFlow flow = flow(launches, log, launch -> launch == 1
                ? "echo deadlocked; exit " + StatelessFlowDriver.EXIT_DATAFLOW_DEADLOCK : "echo started again; exit 0");

        StatelessRunResult result = flow.awaitResult(Duration.ofSeconds(30));

        assertThat(result.exitCode()).isZero();
        assertThat(launches).containsExactly(false, true);
        assertThat(flow.deadlockRestarts()).isEqualTo(1);
        assertThat(Files.readString(log)).as("the first engine's log is kept").contains("deadlocked", "started again");
    }

    @Test
    void anEngineThatKeepsDeadlockingIsGivenUpAfterThreeRestarts() throws Exception {
        List<Boolean> launches = new ArrayList<>();
        Path log = dir.resolve("stateless.log");
        RunningStatelessFlow flow = flow(launches, log, launch -> "exit " + StatelessFlowDriver.EXIT_DATAFLOW_DEADLOCK);

        StatelessRunResult result = flow.awaitResult(Duration.ofSeconds(30));

        assertThat(result.exitCode()).isEqualTo(StatelessFlowDriver.EXIT_DATAFLOW_DEADLOCK);
        assertThat(launches).hasSize(1 + RunningStatelessFlow.DEADLOCK_RESTARTS);
        assertThat(flow.isAlive()).isFalse();
    }

    /** A run whose engine is {@code sh -c script(n)} at its n-th launch (1 first); every launch is recorded. */
    private RunningStatelessFlow flow(List<Boolean> launches, Path log, IntFunction<String> script) throws IOException {
        return new RunningStatelessFlow(again -> {
            launches.add(again);
            return new ProcessBuilder("sh", "-c", script.apply(launches.size())).redirectErrorStream(true)
                    .redirectOutput(again ? Redirect.appendTo(log.toFile()) : Redirect.to(log.toFile())).start();
        }, spec(), log);
    }

    private RunSpec spec() throws IOException {
        return new RunSpec(dir, dir, dir, dir.resolve("flow.json"), Files.createDirectories(dir.resolve("in")),
                Files.createDirectories(dir.resolve("out")), dir.resolve("summary.properties"), dir.resolve("stop"),
                dir.resolve("batches"), TriggerPlan.untilIdle(), Map.of());
    }
}
