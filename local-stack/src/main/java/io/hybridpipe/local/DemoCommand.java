package io.hybridpipe.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.hybridpipe.local.chaos.ChaosEvent;
import io.hybridpipe.local.chaos.ChaosRunner;
import io.hybridpipe.local.chaos.ChaosSchedule;
import io.hybridpipe.local.observe.ObserverSettings;
import io.hybridpipe.local.observe.PipelineObserver;
import io.hybridpipe.local.observe.ProgressDisplay;
import io.hybridpipe.local.observe.VerificationResult;
import io.hybridpipe.local.pipeline.Pipeline;
import io.hybridpipe.local.pipeline.PipelineSettings;
import io.hybridpipe.local.report.RunReportWriter;
import io.hybridpipe.local.report.SummaryTable;
import io.hybridpipe.local.report.XStreamLines;
import io.hybridpipe.local.stack.LocalStack;
import io.hybridpipe.local.stack.ShutdownGuard;
import io.hybridpipe.local.stack.StackResources;
import io.hybridpipe.local.stack.StartupLog;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hybridpipe demo}: starts the stack and the pipeline, lets the X emulator emit a number of tweets, waits for
 * them to reach every stage, verifies by tweet id that each is in every stage exactly once, writes the report and
 * shuts everything down. Exit code 0 only if the verification passed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline on this machine, verify every tweet end to end, write a report.")
final class DemoCommand implements Callable<Integer> {

    static final long DEFAULT_TWEETS = 20_000;

    @ArgGroup(exclusive = true)
    Amount amount;

    static final class Amount {
        @Option(names = "--tweets", description = "How many tweets the X emulator emits (default " + DEFAULT_TWEETS + ").")
        Long tweets;

        @Option(names = "--duration", description = "Emit for this long instead (e.g. 60s, 5m).",
                converter = DurationConverter.class)
        Duration duration;
    }

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--chaos", description = "During emission restart MirrorMaker 2, the Spark job and the aws broker, "
            + "kill kafka-to-hive's NiFi engine, and stall and cut the X stream; verification must still pass.")
    boolean chaos;

    @Option(names = "--report-dir", description = "Where index.html and run.json go. Default: ${DEFAULT-VALUE}.")
    Path reportDir = Path.of("target", "hybridpipe-report");

    @Option(names = "--verify-timeout", description = "How long to wait, after emission, for every stage to hold every "
            + "tweet. Default: ${DEFAULT-VALUE}.", converter = DurationConverter.class)
    Duration verifyTimeout = Duration.ofMinutes(10);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long tweets = tweets();
        PrintStream out = Console.out(spec);
        Duration window = Duration.ofMillis((long) (tweets * 1000 / stackOptions.rate));
        out.printf("hybridpipe demo: %,d tweets at %.0f/s (about %d s of emission)%s%n", tweets, stackOptions.rate,
                window.toSeconds(), chaos ? ", with chaos" : "");
        StartupLog log = new StartupLog(out);
        Pipeline pipeline;
        try {
            pipeline = Pipeline.start(PipelineSettings.forRun(stackOptions.workDir, stackOptions.rate), stackOptions.seed, log);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("hybridpipe demo: the stack did not start: " + e.getMessage());
            e.printStackTrace(spec.commandLine().getErr());
            return HybridPipeCli.EXIT_USAGE;
        }
        try (ShutdownGuard guard = new ShutdownGuard(pipeline, System.err);
             StackResources resources = new StackResources(stackOptions.workDir).start()) {
            out.printf("Stack and pipeline up in %.1f s (startup figure).%n", log.total().toMillis() / 1000.0);
            int exitCode = runAndVerify(pipeline, tweets, window, out);
            out.printf("Peak RSS of the stack: %d MiB (sum over %d processes: this JVM, every process it started and "
                            + "its PostgreSQL)%n",
                    resources.peakMib(), resources.processesAtPeak());
            printCpu(resources, out);
            return exitCode;
        } finally {
            out.println("Everything stopped.");
        }
    }

    /** Where the machine's cores went while the pipeline ran: the first thing to look at when a stage falls behind. */
    private static void printCpu(StackResources resources, PrintStream out) {
        Map<String, Double> byEngine = resources.cpuSecondsByEngine();
        if (byEngine.isEmpty()) {
            return; // no /proc: nothing measured, nothing claimed
        }
        double total = byEngine.values().stream().mapToDouble(Double::doubleValue).sum();
        double seconds = resources.sampledSeconds();
        out.printf(Locale.ROOT, "CPU of the stack while the pipeline ran: %.0f CPU-s in %.0f s = %.2f of %d cores (%s)%n",
                total, seconds, seconds > 0 ? total / seconds : 0, Runtime.getRuntime().availableProcessors(),
                byEngine.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", ")));
    }

    private int runAndVerify(Pipeline pipeline, long tweets, Duration window, PrintStream out) throws InterruptedException {
        VerificationResult result;
        PipelineObserver observer = new PipelineObserver(pipeline.endpoints(), pipeline.emitted(),
                ObserverSettings.forExpectedTweets(tweets));
        try (observer; ProgressDisplay progress = new ProgressDisplay(observer::snapshot, out)) {
            observer.start();
            progress.start();
            observer.mark("emission start: " + tweets + " tweets at " + stackOptions.rate + "/s");
            pipeline.emitter().start(tweets, stackOptions.rate);
            ChaosRunner chaosRunner = chaos ? startChaos(pipeline, window, observer, out) : null;
            pipeline.emitter().awaitDone();
            // long enough for a reader that lags (NiFi pauses for seconds under load), short for a stream cut by chaos
            pipeline.emitter().awaitWritten(Duration.ofSeconds(30));
            observer.mark("emission end");
            if (chaosRunner != null) {
                List<ChaosEvent> events = chaosRunner.awaitDone();
                observer.mark("chaos over: " + events.size() + " actions");
            }
            result = observer.awaitComplete(verifyTimeout);
            progress.close();
            pipeline.problem().ifPresent(problem -> out.println("Pipeline problem: " + problem));
            out.print(XStreamLines.render(pipeline.stack().x(), result));
            out.printf("kafka-to-hive: %d batches on %d engine start(s)%n", pipeline.hiveLandingBatches(),
                    pipeline.hiveLandingEngineStarts());
            out.println();
            out.println(SummaryTable.render(observer.record(), result));
            Path report = RunReportWriter.write(observer.record(), result, reportDir.toAbsolutePath());
            out.println("Report: " + report);
        }
        out.println(result.passed()
                ? "VERIFIED: every tweet the emulator sent is in Kafka onprem, Hive, Kafka aws and the warehouse exactly once."
                : "NOT VERIFIED: see the summary above and the report.");
        return result.passed() ? HybridPipeCli.EXIT_OK : HybridPipeCli.EXIT_VERIFICATION_FAILED;
    }

    private static ChaosRunner startChaos(Pipeline pipeline, Duration window, PipelineObserver observer, PrintStream out) {
        LocalStack stack = pipeline.stack();
        ChaosRunner runner = new ChaosRunner(ChaosSchedule.standard(stack.x(), pipeline.mirrorMaker(),
                pipeline.sparkJob(), stack.aws(), pipeline::killHiveLandingEngine), window, observer::mark, out);
        runner.start();
        return runner;
    }

    private long tweets() {
        if (stackOptions.rate <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be > 0, was " + stackOptions.rate);
        }
        long tweets = DEFAULT_TWEETS;
        if (amount != null && amount.tweets != null) {
            tweets = amount.tweets;
        } else if (amount != null && amount.duration != null) {
            tweets = (long) (amount.duration.toMillis() / 1000.0 * stackOptions.rate);
        }
        if (tweets < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tweets must be >= 1, was " + tweets);
        }
        return tweets;
    }
}
