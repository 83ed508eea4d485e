package io.hybridpipe.local.report;

import io.hybridpipe.local.observe.LatencySample;
import io.hybridpipe.local.observe.Marker;
import io.hybridpipe.local.observe.PollStats;
import io.hybridpipe.local.observe.ProbeFailure;
import io.hybridpipe.local.observe.RunRecord;
import io.hybridpipe.local.observe.Stage;
import io.hybridpipe.local.observe.StageSnapshot;
import io.hybridpipe.local.observe.StageStatus;
import io.hybridpipe.local.observe.StageVerification;
import io.hybridpipe.local.observe.VerificationResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A small run with known figures: 1,000 tweets over 5 s, 100 latency samples per table stage. */
final class SampleRuns {

    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    static final long EMITTED = 1_000;

    private SampleRuns() {
    }

    /** Hive latencies 10, 20, ..., 1000 ms; warehouse latencies 100, 200, ..., 10000 ms. */
    static RunRecord run() {
        List<StageSnapshot> timeline = new ArrayList<>();
        for (int s = 1; s <= 5; s++) {
            Map<Stage, StageStatus> stages = new EnumMap<>(Stage.class);
            for (Stage stage : Stage.values()) {
                long records = Math.min(EMITTED, s * 200L + (stage == Stage.WAREHOUSE ? -3 : 0));
                stages.put(stage, new StageStatus(records, -1, 200.0 + stage.ordinal(), EMITTED - records,
                        s == 3 && stage == Stage.KAFKA_AWS ? "TimeoutException: broker restarting" : null));
            }
            timeline.add(new StageSnapshot(START.plusSeconds(s), Duration.ofSeconds(s), s * 200L, s * 200L, stages));
        }
        List<LatencySample> latencies = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            Instant created = START.plusMillis(i);
            latencies.add(new LatencySample(Stage.HIVE, "h" + i, created, created.plusMillis(i * 10L)));
            latencies.add(new LatencySample(Stage.WAREHOUSE, "w" + i, created, created.plusMillis(i * 100L)));
        }
        List<Marker> markers = List.of(new Marker(START.plusSeconds(2), "chaos: restart MirrorMaker 2"),
                new Marker(START.plusSeconds(3), "chaos: restart broker <aws> & wait"));
        List<ProbeFailure> failures = List.of(new ProbeFailure(START.plusSeconds(3), Stage.KAFKA_AWS,
                "TimeoutException: broker restarting"));
        Map<Stage, PollStats> polls = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            polls.put(stage, new PollStats(5, stage == Stage.KAFKA_AWS ? 1 : 0, stage == Stage.HIVE ? 1_400 : 1_000,
                    stage == Stage.HIVE ? 2_100 : 1_020, stage == Stage.HIVE ? 900 : 15));
        }
        return new RunRecord(START, START.plusSeconds(5), Duration.ofSeconds(1), 10, EMITTED + 4, EMITTED, timeline,
                latencies, markers, failures, polls);
    }

    /** Every stage PASS but the warehouse, which misses 3 tweets. */
    static VerificationResult warehouseMissesThree() {
        List<StageVerification> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            boolean warehouse = stage == Stage.WAREHOUSE;
            stages.add(new StageVerification(stage, EMITTED, warehouse ? 997 : 1_000, warehouse ? 997 : 1_000, 0,
                    warehouse ? 3 : 0, 0, List.of(), warehouse ? List.of("17", "18", "19") : List.of(), List.of(),
                    null));
        }
        return new VerificationResult(START.plusSeconds(5), EMITTED, false, 0, 0, stages);
    }

    static VerificationResult allPass() {
        List<StageVerification> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            stages.add(new StageVerification(stage, EMITTED, 1_000, 1_000, 0, 0, 0, List.of(), List.of(), List.of(),
                    null));
        }
        return new VerificationResult(START.plusSeconds(5), EMITTED, false, 0, 0, stages);
    }
}
