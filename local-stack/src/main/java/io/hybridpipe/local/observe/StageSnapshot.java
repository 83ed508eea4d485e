package io.hybridpipe.local.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Latest per-stage counts, rates and lag: what the progress display shows and one point of the timeline.
 *
 * @param at             when the sample was taken
 * @param elapsed        since the observer started
 * @param emittedSent    tweets the emulator wrote, repeats included
 * @param emittedDistinct distinct tweet ids the emulator wrote, as of this snapshot
 * @param stages         every {@link Stage}, in pipeline order
 */
public record StageSnapshot(Instant at, Duration elapsed, long emittedSent, long emittedDistinct,
                            Map<Stage, StageStatus> stages) {

    public StageSnapshot {
        stages = Map.copyOf(stages);
    }

    public StageStatus stage(Stage stage) {
        return stages.get(stage);
    }
}
