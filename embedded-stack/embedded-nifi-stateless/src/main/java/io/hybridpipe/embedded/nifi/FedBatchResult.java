package io.hybridpipe.embedded.nifi;

import java.nio.file.Path;
import java.util.List;

/**
 * What the engine reported on one fed batch: its {@link RunSummary} (triggers, failures, the flow's counters for this
 * batch alone), the ERROR lines the engine logged while running it, and what it sent out of the output ports.
 */
public record FedBatchResult(int number, RunSummary summary, List<String> errorLines, List<FlowFileData> outputFlowFiles,
                             Path logFile) {

    public FedBatchResult {
        errorLines = List.copyOf(errorLines);
        outputFlowFiles = List.copyOf(outputFlowFiles);
    }

    /** No trigger failed and nothing was logged at ERROR while the batch ran (NiFi only logs many failures). */
    public boolean succeeded() {
        return summary.failedTriggers() == 0 && errorLines.isEmpty();
    }

    public long counter(String name) {
        return summary.counters().getOrDefault(name, 0L);
    }

    /** Why the batch did not succeed, for messages; empty when it succeeded. */
    public String describeFailure() {
        if (succeeded()) {
            return "";
        }
        StringBuilder description = new StringBuilder("batch ").append(number).append(": ")
                .append(summary.triggers()).append(" triggers (").append(summary.failedTriggers()).append(" failed)")
                .append(summary.failure() == null ? "" : ", first failure: " + summary.failure());
        errorLines.stream().limit(5).forEach(line -> description.append(System.lineSeparator()).append(line));
        return description.append(System.lineSeparator()).append("log: ").append(logFile).toString();
    }
}
