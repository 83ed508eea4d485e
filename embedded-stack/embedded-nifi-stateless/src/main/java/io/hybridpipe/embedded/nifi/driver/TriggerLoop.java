package io.hybridpipe.embedded.nifi.driver;

import io.hybridpipe.embedded.nifi.FlowFileData;
import io.hybridpipe.embedded.nifi.FlowFileFolder;
import io.hybridpipe.embedded.nifi.RunSummary;
import io.hybridpipe.embedded.nifi.TriggerPlan;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.stateless.flow.DataflowTrigger;
import org.apache.nifi.stateless.flow.StatelessDataflow;
import org.apache.nifi.stateless.flow.TriggerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Triggers a dataflow until its {@link TriggerPlan} says stop, writes every FlowFile that leaves an
 * output port into the output folder, and acknowledges a trigger only after its output is written.
 */
final class TriggerLoop {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerLoop.class);
    // A source with nothing to hand over would otherwise be triggered in a tight loop.
    private static final long IDLE_PAUSE_MILLIS = 20;

    private final StatelessDataflow dataflow;
    private final TriggerPlan plan;
    private final FlowFileFolder output;
    private final Path stopFile;

    private int triggers;
    private int triggersWithProgress;
    private int failedTriggers;
    private int outputFlowFiles;
    private String firstFailure;

    TriggerLoop(StatelessDataflow dataflow, TriggerPlan plan, FlowFileFolder output, Path stopFile) {
        this.dataflow = dataflow;
        this.plan = plan;
        this.output = output;
        this.stopFile = stopFile;
    }

    RunSummary run() throws InterruptedException {
        StopPolicy stopPolicy = new StopPolicy(plan, stopFile);
        String stopReason;
        while (true) {
            Optional<String> stop = stopPolicy.beforeTrigger(triggers);
            if (stop.isPresent()) {
                stopReason = stop.get();
                break;
            }
            DataflowTrigger trigger = dataflow.trigger();
            Optional<TriggerResult> result = trigger.getResult(stopPolicy.remainingNanos(), TimeUnit.NANOSECONDS);
            if (result.isEmpty()) {
                trigger.cancel();
                stopReason = "deadline";
                break;
            }
            triggers++;
            boolean progressed = handle(result.get());
            if (plan.stopWhenIdle() && !dataflow.isFlowFileQueued()) {
                stopReason = "idle";
                break;
            }
            if (progressed) {
                triggersWithProgress++;
                stopPolicy.progressed();
            } else {
                pauseWhileIdle(stopPolicy.remainingNanos());
            }
        }
        LOG.info("Stopped after {} triggers ({} made progress, {} failed, {} FlowFiles out): {}",
                triggers, triggersWithProgress, failedTriggers, outputFlowFiles, stopReason);
        return new RunSummary(triggers, failedTriggers, outputFlowFiles, stopReason, firstFailure);
    }

    /** Returns whether the trigger did anything: produced output, recorded provenance, or failed. */
    private boolean handle(TriggerResult result) {
        if (!result.isSuccessful()) {
            Throwable cause = result.getFailureCause().orElse(null);
            recordFailure("Trigger " + triggers + " failed" + (result.isCanceled() ? " (canceled)" : ""), cause);
            return true;
        }
        try {
            int written = writeOutput(result);
            boolean recordedEvents = !result.getProvenanceEvents().isEmpty();
            result.acknowledge();
            outputFlowFiles += written;
            return written > 0 || recordedEvents;
        } catch (IOException | RuntimeException e) {
            result.abort(e);
            recordFailure("Trigger " + triggers + ": could not hand its output over", e);
            return true;
        }
    }

    /** Writes everything the trigger sent out as one bundle: one file per trigger, not per FlowFile. */
    private int writeOutput(TriggerResult result) throws IOException {
        List<FlowFileData> flowFiles = new ArrayList<>();
        for (Map.Entry<String, List<FlowFile>> port : result.getOutputFlowFiles().entrySet()) {
            for (FlowFile flowFile : port.getValue()) {
                flowFiles.add(new FlowFileData(port.getKey(), result.readContentAsByteArray(flowFile), flowFile.getAttributes()));
            }
        }
        output.writeAll(flowFiles);
        return flowFiles.size();
    }

    private void recordFailure(String message, Throwable cause) {
        failedTriggers++;
        LOG.error(message, cause);
        if (firstFailure == null) {
            firstFailure = cause == null ? message : message + ": " + cause;
        }
    }

    private void pauseWhileIdle(long remainingNanos) throws InterruptedException {
        long yieldMillis = dataflow.getSourceYieldExpiration() - System.currentTimeMillis();
        long untilDeadlineMillis = TimeUnit.NANOSECONDS.toMillis(remainingNanos);
        long pause = Math.min(Math.max(yieldMillis, IDLE_PAUSE_MILLIS), untilDeadlineMillis);
        if (pause > 0) {
            Thread.sleep(pause);
        }
    }
}
