package io.hybridpipe.embedded.nifi.driver;

import io.hybridpipe.embedded.nifi.BatchFolder;
import io.hybridpipe.embedded.nifi.FlowFileData;
import io.hybridpipe.embedded.nifi.FlowFileFolder;
import io.hybridpipe.embedded.nifi.ParameterValue;
import io.hybridpipe.embedded.nifi.ParameterValues;
import io.hybridpipe.embedded.nifi.RunSpec;
import io.hybridpipe.embedded.nifi.RunSummary;
import org.apache.nifi.stateless.bootstrap.StatelessBootstrap;
import org.apache.nifi.stateless.config.ParameterOverride;
import org.apache.nifi.stateless.flow.DataflowDefinition;
import org.apache.nifi.stateless.flow.StatelessDataflow;
import org.apache.nifi.stateless.flow.StatelessDataflowValidation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs inside the engine's JVM, on the NiFi Stateless classpath: bootstraps the engine, loads the flow
 * definition with the parameter values read from standard input, feeds the input FlowFiles into their
 * ports, triggers the flow as the plan says and writes what leaves the output ports. A plan fed in batches
 * instead keeps the dataflow up and runs each batch the parent hands over ({@link BatchFeedLoop}).
 *
 * <p>Exit codes: {@value #EXIT_OK} every trigger succeeded; {@value #EXIT_CANNOT_RUN} the flow could not
 * be started (bad flow, missing extension, invalid component); {@value #EXIT_TRIGGER_FAILED} the flow ran
 * but at least one trigger failed; {@value #EXIT_PARENT_GONE} the JVM that started the engine ended first.
 */
public final class StatelessFlowDriver {

    public static final int EXIT_OK = 0;
    public static final int EXIT_CANNOT_RUN = 1;
    public static final int EXIT_TRIGGER_FAILED = 2;
    public static final int EXIT_PARENT_GONE = 3;
    /** NiFi deadlocked while creating the dataflow (see {@link DeadlockWatchdog}); nothing was consumed, start again. */
    public static final int EXIT_DATAFLOW_DEADLOCK = 4;

    private static final Logger LOG = LoggerFactory.getLogger(StatelessFlowDriver.class);
    private static final String SNAPSHOT_FILE_PROPERTY = "nifi.stateless.flow.snapshot.file";

    private final RunSpec spec;

    private StatelessFlowDriver(RunSpec spec) {
        this.spec = spec;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: StatelessFlowDriver <run specification file>; parameter values on standard input");
            System.exit(EXIT_CANNOT_RUN);
        }
        endWhenParentEnds();
        int exitCode;
        RunSpec spec = null;
        try {
            spec = RunSpec.read(Path.of(args[0]));
            exitCode = new StatelessFlowDriver(spec).run(ParameterValues.read(System.in));
        } catch (Throwable t) {
            LOG.error("Cannot run the dataflow", t);
            writeSummaryQuietly(spec, new RunSummary(0, 0, 0, "cannot-run", String.valueOf(t)));
            exitCode = EXIT_CANNOT_RUN;
        }
        // NiFi leaves non-daemon threads behind; the run is over, so end the JVM explicitly.
        System.exit(exitCode);
    }

    /**
     * An engine must not outlive the JVM that started it: if that JVM is killed (SIGKILL, or SIGTERM before it could
     * stop its engines) nobody would ever stop this one, and a source flow would run for the rest of its deadline.
     */
    private static void endWhenParentEnds() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("The JVM that started this engine (pid " + parent.pid() + ") has ended; ending the engine");
            Runtime.getRuntime().halt(EXIT_PARENT_GONE);
        }));
    }

    private int run(List<ParameterValue> parameterValues) throws Exception {
        long start = System.nanoTime();
        StatelessBootstrap bootstrap = StatelessBootstrap.bootstrap(new DriverEngineConfiguration(spec));
        LOG.info("Engine bootstrapped (NARs unpacked or reused) in {} ms", millisSince(start));
        Map<String, String> dataflowProperties = new HashMap<>(spec.dataflowProperties());
        dataflowProperties.put(SNAPSHOT_FILE_PROPERTY, spec.flowDefinition().toAbsolutePath().toString());
        List<ParameterOverride> overrides = parameterValues.stream()
                .map(value -> new ParameterOverride(value.context(), value.name(), value.value()))
                .toList();
        DataflowDefinition definition = bootstrap.parseDataflowDefinition(dataflowProperties, overrides);
        StatelessDataflow dataflow;
        try (DeadlockWatchdog watchdog = new DeadlockWatchdog(threads -> {
            LOG.error("NiFi deadlocked while creating the dataflow, before taking any input: {}; ending this engine "
                    + "(exit {}) so that it is started again", threads, EXIT_DATAFLOW_DEADLOCK);
            Runtime.getRuntime().halt(EXIT_DATAFLOW_DEADLOCK); // main is stuck; shutdown hooks could be too
        })) {
            dataflow = bootstrap.createDataflow(definition);
        }
        try {
            dataflow.initialize();
            StatelessDataflowValidation validation = dataflow.performValidation();
            if (!validation.isValid()) {
                String reason = "Dataflow " + definition.getFlowName() + " is not valid: " + validation;
                LOG.error(reason);
                writeSummary(new RunSummary(0, 0, 0, "invalid-flow", reason));
                return EXIT_CANNOT_RUN;
            }
            LOG.info("Dataflow {} ready in {} ms", definition.getFlowName(), millisSince(start));
            if (spec.triggerPlan().fedInBatches()) {
                // each batch's outcome went back with the batch; the run as a whole worked if the loop ended normally
                writeSummary(new BatchFeedLoop(dataflow, spec.triggerPlan(), new BatchFolder(spec.batchDirectory()), spec.stopFile()).run());
                return EXIT_OK;
            }
            enqueueInputs(dataflow);
            RunSummary summary = new TriggerLoop(dataflow, spec.triggerPlan(), new FlowFileFolder(spec.outputDirectory()), spec.stopFile())
                    .run()
                    .withCounters(dataflow.getCounters(true));
            LOG.info("Counters: {}", summary.counters());
            writeSummary(summary);
            return summary.failedTriggers() == 0 ? EXIT_OK : EXIT_TRIGGER_FAILED;
        } finally {
            dataflow.shutdown();
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private void enqueueInputs(StatelessDataflow dataflow) {
        Set<String> inputPorts = dataflow.getInputPortNames();
        List<FlowFileData> inputs = new FlowFileFolder(spec.inputDirectory()).readAll();
        for (FlowFileData input : inputs) {
            if (!inputPorts.contains(input.port())) {
                throw new IllegalArgumentException("The flow has no input port named '" + input.port() + "'; its input ports are " + inputPorts);
            }
            dataflow.enqueue(input.content(), input.attributes(), input.port());
        }
        LOG.info("Enqueued {} FlowFiles into input ports {}", inputs.size(), inputPorts);
    }

    private void writeSummary(RunSummary summary) throws IOException {
        summary.write(spec.summaryFile());
    }

    private static void writeSummaryQuietly(RunSpec spec, RunSummary summary) {
        if (spec == null) {
            return;
        }
        try {
            summary.write(spec.summaryFile());
        } catch (IOException e) {
            LOG.error("Cannot write the run summary {}", spec.summaryFile(), e);
        }
    }
}
