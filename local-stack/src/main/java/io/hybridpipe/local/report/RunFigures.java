package io.hybridpipe.local.report;

import io.hybridpipe.local.observe.RunRecord;
import io.hybridpipe.local.observe.Stage;
import io.hybridpipe.local.observe.StageSnapshot;

import java.util.EnumMap;
import java.util.Map;

/** The figures derived from a run that the summary table, the HTML page and run.json all show. */
record RunFigures(Map<Stage, LatencySummary> latency, Map<Stage, Double> averageRate, Map<Stage, Double> peakRate,
                  Map<Stage, Long> finalRecords) {

    static RunFigures of(RunRecord run) {
        Map<Stage, LatencySummary> latency = new EnumMap<>(Stage.class);
        Map<Stage, Double> average = new EnumMap<>(Stage.class);
        Map<Stage, Double> peak = new EnumMap<>(Stage.class);
        Map<Stage, Long> records = new EnumMap<>(Stage.class);
        double seconds = Math.max(1e-3, run.duration().toMillis() / 1000.0);
        for (Stage stage : Stage.values()) {
            latency.put(stage, LatencySummary.of(run.latencies(stage)));
            long last = run.timeline().isEmpty() ? 0 : run.timeline().get(run.timeline().size() - 1).stage(stage).records();
            records.put(stage, last);
            average.put(stage, last / seconds);
            double max = 0;
            for (StageSnapshot s : run.timeline()) {
                max = Math.max(max, s.stage(stage).ratePerSecond());
            }
            peak.put(stage, max);
        }
        return new RunFigures(latency, average, peak, records);
    }
}
