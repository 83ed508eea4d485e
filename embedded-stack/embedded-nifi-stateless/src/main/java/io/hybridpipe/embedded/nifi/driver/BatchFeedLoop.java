package io.hybridpipe.embedded.nifi.driver;

import io.hybridpipe.embedded.nifi.BatchFolder;
import io.hybridpipe.embedded.nifi.FlowFileData;
import io.hybridpipe.embedded.nifi.RunSummary;
import io.hybridpipe.embedded.nifi.TriggerPlan;
import org.apache.nifi.stateless.flow.StatelessDataflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps one dataflow running and runs each batch handed over through a {@link BatchFolder}, in order, until none of
 * it is queued; reports each batch's own summary (triggers, failures, the flow's counters for that batch) before
 * looking at the next. A batch that failed leaves nothing behind: what it left queued is purged, so the parent can
 * hand the same FlowFiles over again. Stops when a stop is requested and no batch is waiting, or at the deadline.
 */
final class BatchFeedLoop {

    private static final Logger LOG = LoggerFactory.getLogger(BatchFeedLoop.class);
    private static final long WAIT_FOR_BATCH_MILLIS = 10;

    private final StatelessDataflow dataflow;
    private final TriggerPlan plan;
    private final BatchFolder batches;
    private final Path stopFile;
    private final Map<String, Long> totalCounters = new HashMap<>();
    private int triggers;
    private int failedTriggers;
    private int outputFlowFiles;
    private String firstFailure;

    BatchFeedLoop(StatelessDataflow dataflow, TriggerPlan plan, BatchFolder batches, Path stopFile) {
        this.dataflow = dataflow;
        this.plan = plan;
        this.batches = batches;
        this.stopFile = stopFile;
    }

    RunSummary run() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + plan.maxDuration().toNanos();
        int next = 1;
        String stopReason;
        while (true) {
            if (batches.isReady(next)) {
                runBatch(next, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                next++;
            } else if (Files.exists(stopFile)) {
                stopReason = "stop-requested";
                break;
            } else if (System.nanoTime() >= deadline) {
                stopReason = "deadline";
                break;
            } else {
                Thread.sleep(WAIT_FOR_BATCH_MILLIS);
            }
        }
        LOG.info("Ran {} batches ({} triggers, {} failed): {}", next - 1, triggers, failedTriggers, stopReason);
        return new RunSummary(triggers, failedTriggers, outputFlowFiles, stopReason, firstFailure, totalCounters);
    }

    private void runBatch(int number, Duration remaining) throws InterruptedException, IOException {
        long start = System.nanoTime();
        RunSummary summary;
        try {
            int fed = enqueue(batches.inputs(number));
            summary = new TriggerLoop(dataflow, TriggerPlan.untilIdle().within(remaining), batches.output(number), null).run();
            LOG.info("Batch {}: {} FlowFiles in, {} out, {} triggers ({} failed) in {} ms", number, fed,
                    summary.outputFlowFiles(), summary.triggers(), summary.failedTriggers(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.error("Batch {} could not be run", number, e);
            summary = new RunSummary(0, 1, 0, "batch-refused", String.valueOf(e));
        }
        if (summary.failedTriggers() > 0 || dataflow.isFlowFileQueued()) {
            // what a failed batch left behind must not be landed along with the batch fed again in its place
            dataflow.purge();
        }
        Map<String, Long> counters = dataflow.getCounters(true);
        dataflow.resetCounters();
        counters.forEach((name, value) -> totalCounters.merge(name, value, Long::sum));
        account(summary);
        batches.writeResult(number, summary.withCounters(counters));
    }

    private int enqueue(List<FlowFileData> inputs) {
        Set<String> inputPorts = dataflow.getInputPortNames();
        for (FlowFileData input : inputs) {
            if (!inputPorts.contains(input.port())) {
                throw new IllegalArgumentException("The flow has no input port named '" + input.port() + "'; its input ports are " + inputPorts);
            }
        }
        for (FlowFileData input : inputs) {
            dataflow.enqueue(input.content(), input.attributes(), input.port());
        }
        return inputs.size();
    }

    private void account(RunSummary batch) {
        triggers += batch.triggers();
        failedTriggers += batch.failedTriggers();
        outputFlowFiles += batch.outputFlowFiles();
        if (firstFailure == null && batch.failure() != null) {
            firstFailure = batch.failure();
        }
    }
}
