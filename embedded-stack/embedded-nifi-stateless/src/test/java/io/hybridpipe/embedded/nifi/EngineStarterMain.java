package io.hybridpipe.embedded.nifi;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A JVM that starts a source-driven engine and then just waits, for {@link EngineOutlivesNoParentTest} to kill it.
 * Arguments: the runner's working directory, the flow definition, the PutFile directory.
 */
public final class EngineStarterMain {

    private EngineStarterMain() {
    }

    public static void main(String[] args) throws Exception {
        RunningStatelessFlow flow = StatelessFlowRunner.builder()
                .workingDirectory(Path.of(args[0]))
                .flowDefinition(Path.of(args[1]))
                .parameter("output.directory", args[2])
                .parameter("greeting", "orphan?")
                .triggerPlan(TriggerPlan.untilStopped().within(Duration.ofHours(1)))
                .build()
                .start();
        System.out.println("engine pid " + flow.pid());
        System.out.flush();
        Thread.sleep(Duration.ofHours(1).toMillis());
    }
}
