package io.hybridpipe.embedded.nifi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one run of a flow in the engine's JVM. Exit code 0 alone does not mean the flow
 * worked (a processor's failure is only logged by NiFi): {@link #succeeded()} also requires that no
 * ERROR line was logged and no trigger failed.
 *
 * @param exitCode        the child JVM's exit code, or -1 when it had to be killed
 * @param logFile         everything the child JVM printed
 * @param errorLines      the log lines at level ERROR
 * @param summary         what the driver reported; absent when it died before reporting
 * @param outputFlowFiles the FlowFiles that left the flow's output ports, in order
 */
public record StatelessRunResult(int exitCode, Path logFile, List<String> errorLines, Optional<RunSummary> summary,
                                 List<FlowFileData> outputFlowFiles) {

    public StatelessRunResult {
        errorLines = List.copyOf(errorLines);
        outputFlowFiles = List.copyOf(outputFlowFiles);
    }

    public boolean succeeded() {
        return exitCode == 0 && errorLines.isEmpty() && summary.map(s -> s.failedTriggers() == 0).orElse(false);
    }

    public List<FlowFileData> outputFlowFiles(String port) {
        return outputFlowFiles.stream().filter(flowFile -> flowFile.port().equals(port)).toList();
    }

    /** A NiFi counter of the flow at the end of the run (0 when no component touched it). */
    public long counter(String name) {
        return summary.map(s -> s.counters().getOrDefault(name, 0L)).orElse(0L);
    }

    /** Why the run did not succeed, for assertion messages; empty when it succeeded. */
    public String describeFailure() {
        if (succeeded()) {
            return "";
        }
        StringBuilder description = new StringBuilder("exit code ").append(exitCode);
        summary.ifPresentOrElse(
                s -> description.append(", ").append(s.triggers()).append(" triggers (").append(s.failedTriggers())
                        .append(" failed), stopped: ").append(s.stopReason())
                        .append(s.failure() == null ? "" : ", first failure: " + s.failure()),
                () -> description.append(", the driver wrote no summary"));
        errorLines.stream().limit(5).forEach(line -> description.append(System.lineSeparator()).append(line));
        return description.append(System.lineSeparator()).append("log: ").append(logFile).toString();
    }
}
