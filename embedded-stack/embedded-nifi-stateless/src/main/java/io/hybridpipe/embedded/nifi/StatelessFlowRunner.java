package io.hybridpipe.embedded.nifi;

import io.hybridpipe.embedded.nifi.driver.StatelessFlowDriver;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a NiFi flow definition in NiFi Stateless 1.18.0, in a separate JVM started from this JVM's
 * {@code java.home}, so that the engine's classes never meet a test's classpath.
 *
 * <p>Layout of the working directory: {@code engine/} is the engine's working directory (unpacked NARs,
 * kept between runs so that only the first run pays for unpacking), {@code extensions/} holds the extra
 * NARs, {@code runs/run-NNN/} holds one run's specification, inputs, outputs and log. One run at a
 * time per working directory.
 */
public final class StatelessFlowRunner {

    private static final String LOGBACK_RESOURCE = "/io/hybridpipe/embedded/nifi/child-logback.xml";

    private final StatelessRuntime runtime;
    private final Path workingDirectory;
    private final List<Path> extraNars;
    private final Path flowDefinition;
    private final List<ParameterValue> parameterValues;
    private final Map<String, String> dataflowProperties;
    private final List<FlowFileData> inputs;
    private final TriggerPlan triggerPlan;
    private final String heap;

    private StatelessFlowRunner(Builder builder) {
        this.runtime = builder.runtime != null ? builder.runtime : StatelessRuntime.locate();
        this.workingDirectory = Objects.requireNonNull(builder.workingDirectory, "workingDirectory").toAbsolutePath();
        this.extraNars = List.copyOf(builder.extraNars);
        this.flowDefinition = Objects.requireNonNull(builder.flowDefinition, "flowDefinition").toAbsolutePath();
        this.parameterValues = List.copyOf(builder.parameterValues);
        this.dataflowProperties = Map.copyOf(builder.dataflowProperties);
        this.inputs = List.copyOf(builder.inputs);
        this.triggerPlan = Objects.requireNonNull(builder.triggerPlan, "triggerPlan");
        this.heap = builder.heap;
        if (triggerPlan.fedInBatches() && !inputs.isEmpty()) {
            throw new IllegalArgumentException("An engine fed in batches takes its FlowFiles through RunningStatelessFlow.feed, not input()");
        }
        if (!Files.isRegularFile(flowDefinition)) {
            throw new IllegalArgumentException("Flow definition " + flowDefinition + " does not exist");
        }
        for (Path nar : extraNars) {
            if (!Files.isRegularFile(nar) || !nar.getFileName().toString().endsWith(".nar")) {
                throw new IllegalArgumentException("Extra NAR " + nar + " is not a .nar file");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the flow as the trigger plan says and waits for the engine's JVM to end. */
    public StatelessRunResult run() throws IOException, InterruptedException {
        try (RunningStatelessFlow flow = start()) {
            return flow.awaitResult(triggerPlan.maxDuration().plus(RunningStatelessFlow.STARTUP_ALLOWANCE));
        }
    }

    /** Starts the engine's JVM and returns at once; the caller decides when to stop it. */
    public RunningStatelessFlow start() throws IOException {
        Path engineDirectory = workingDirectory.resolve("engine");
        Path extensionsDirectory = workingDirectory.resolve("extensions");
        Path runDirectory = newRunDirectory();
        ExtraNars.install(extraNars, extensionsDirectory, engineDirectory);

        FlowFileFolder inputFolder = new FlowFileFolder(runDirectory.resolve("input"));
        inputFolder.writeAll(inputs);
        RunSpec spec = new RunSpec(runtime.directory(), engineDirectory, extensionsDirectory, flowDefinition,
                inputFolder.directory(), runDirectory.resolve("output"), runDirectory.resolve("summary.properties"),
                runDirectory.resolve("stop-requested"), runDirectory.resolve("batches"), triggerPlan, dataflowProperties);
        Path specFile = runDirectory.resolve("run.properties");
        spec.write(specFile);
        Path logbackFile = runDirectory.resolve("logback.xml");
        copyResource(LOGBACK_RESOURCE, logbackFile);
        Path tmpDirectory = Files.createDirectories(runDirectory.resolve("tmp"));
        Path logFile = runDirectory.resolve("stateless.log");

        // C1 only (TieredStopAtLevel=1): C2 compiling beside the other JVMs of a small machine cost more CPU than it saved
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",

                "-Dlogback.configurationFile=" + logbackFile,
                "-Djava.io.tmpdir=" + tmpDirectory,
                "-cp", runtime.classpathWildcard() + File.pathSeparator + driverClasspathEntry(),
                StatelessFlowDriver.class.getName(),
                specFile.toString());
        return new RunningStatelessFlow(again -> {
            Process process = new ProcessBuilder(command)
                    .directory(runDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(again ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                            : ProcessBuilder.Redirect.to(logFile.toFile()))
                    .start();
            try (OutputStream stdin = process.getOutputStream()) {
                ParameterValues.write(parameterValues, stdin);
            } catch (IOException e) {
                process.destroyForcibly();
                throw new IOException("Cannot hand the parameter values to the engine's JVM; see " + logFile, e);
            }
            return process;
        }, spec, logFile);
    }

    private Path newRunDirectory() throws IOException {
        Path runs = Files.createDirectories(workingDirectory.resolve("runs"));
        for (int number = 1; ; number++) {
            Path candidate = runs.resolve(String.format("run-%03d", number));
            if (!Files.exists(candidate)) {
                return Files.createDirectory(candidate);
            }
        }
    }

    /** This module's jar (or classes directory), which holds the driver; it never goes into the NAR directory. */
    private static String driverClasspathEntry() {
        try {
            return Path.of(StatelessFlowRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot tell where the driver classes are", e);
        }
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = StatelessFlowRunner.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + resource + " is missing from the classpath");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static final class Builder {
        private StatelessRuntime runtime;
        private Path workingDirectory;
        private final List<Path> extraNars = new ArrayList<>();
        private Path flowDefinition;
        private final List<ParameterValue> parameterValues = new ArrayList<>();
        private final Map<String, String> dataflowProperties = new LinkedHashMap<>();
        private final List<FlowFileData> inputs = new ArrayList<>();
        private TriggerPlan triggerPlan = TriggerPlan.times(1);
        private String heap = "256m";

        private Builder() {
        }

        /** Defaults to {@link StatelessRuntime#locate()}. */
        public Builder runtime(StatelessRuntime runtime) {
            this.runtime = runtime;
            return this;
        }

        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        /** A NAR to load besides the runtime's own (nifi-standard-nar and its parents). */
        public Builder extraNar(Path nar) {
            extraNars.add(nar);
            return this;
        }

        /** A flow definition JSON as NiFi's "Download flow definition" writes it. */
        public Builder flowDefinition(Path flowDefinition) {
            this.flowDefinition = flowDefinition;
            return this;
        }

        /** A parameter value, sensitive or not: it reaches the engine over standard input only. */
        public Builder parameter(String name, String value) {
            return parameter(null, name, value);
        }

        public Builder parameter(String context, String name, String value) {
            parameterValues.add(new ParameterValue(context, name, value));
            return this;
        }

        /** A NiFi Stateless dataflow property, e.g. {@code nifi.stateless.transaction.thresholds.flowfiles}. */
        public Builder dataflowProperty(String key, String value) {
            dataflowProperties.put(key, value);
            return this;
        }

        public Builder input(String port, byte[] content, Map<String, String> attributes) {
            inputs.add(new FlowFileData(port, content, attributes));
            return this;
        }

        public Builder triggerPlan(TriggerPlan triggerPlan) {
            this.triggerPlan = triggerPlan;
            return this;
        }

        /** Maximum heap of the engine's JVM in -Xmx syntax, e.g. "256m". */
        public Builder heap(String heap) {
            if (!heap.matches("\\d+[kmgKMG]?")) {
                throw new IllegalArgumentException("Heap must look like 256m or 1g, was " + heap);
            }
            this.heap = heap;
            return this;
        }

        public StatelessFlowRunner build() {
            return new StatelessFlowRunner(this);
        }
    }
}
