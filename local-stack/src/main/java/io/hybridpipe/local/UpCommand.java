package io.hybridpipe.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.hybridpipe.local.pipeline.Pipeline;
import io.hybridpipe.local.pipeline.PipelineSettings;
import io.hybridpipe.local.stack.ConnectionInfo;
import io.hybridpipe.local.stack.LocalStack;
import io.hybridpipe.local.stack.ShutdownGuard;
import io.hybridpipe.local.stack.StartupLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hybridpipe up}: the stack and the pipeline, kept running until Ctrl-C, with connection details. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the stack and the pipeline, print how to connect, keep running until Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--stop-after", description = "Shut down after this long instead of waiting for Ctrl-C "
            + "(ISO-8601 or e.g. 90s, 5m).", converter = DurationConverter.class)
    Duration stopAfter;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream out = Console.out(spec);
        StartupLog log = new StartupLog(out);
        PipelineSettings settings = PipelineSettings.forRun(stackOptions.workDir, stackOptions.rate);
        try (Pipeline pipeline = Pipeline.start(settings, stackOptions.seed, log);
             ShutdownGuard guard = new ShutdownGuard(pipeline, System.err)) {
            out.printf("Stack and pipeline up in %.1f s.%n", log.total().toMillis() / 1000.0);
            ConnectionInfo.print(pipeline.stack(), settings.warehouseSchema(), out);
            pipeline.emitter().startContinuous(stackOptions.rate);
            out.printf("The X emulator emits %.0f tweets/s. %s%n", stackOptions.rate,
                    stopAfter == null ? "Ctrl-C stops everything." : "Stopping after " + stopAfter + ".");
            out.flush();
            CountDownLatch forever = new CountDownLatch(1);
            if (stopAfter == null) {
                forever.await();
            } else {
                forever.await(stopAfter.toMillis(), TimeUnit.MILLISECONDS);
            }
            out.println("Shutting down ...");
        }
        out.println("Stopped; no engine left running.");
        return HybridPipeCli.EXIT_OK;
    }
}
