package io.hybridpipe.local.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the report draws: the timeline of samples, latency samples, markers and probe failures.
 *
 * @param pollInterval       the sampling period, i.e. the resolution of every latency
 * @param latencySampleEvery k: one tweet id in k is latency-sampled
 * @param polls              per stage, how often it was actually polled: the real resolution of its latencies
 */
public record RunRecord(Instant startedAt, Instant endedAt, Duration pollInterval, int latencySampleEvery,
                        long emittedSent, long emittedDistinct,
                        List<StageSnapshot> timeline, List<LatencySample> latencies, List<Marker> markers,
                        List<ProbeFailure> probeFailures, Map<Stage, PollStats> polls) {

    public RunRecord {
        timeline = List.copyOf(timeline);
        latencies = List.copyOf(latencies);
        markers = List.copyOf(markers);
        probeFailures = List.copyOf(probeFailures);
        polls = Map.copyOf(polls);
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }

    public List<LatencySample> latencies(Stage stage) {
        return latencies.stream().filter(l -> l.stage() == stage).toList();
    }
}
