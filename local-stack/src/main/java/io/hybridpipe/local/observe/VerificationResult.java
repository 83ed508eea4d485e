package io.hybridpipe.local.observe;

import java.time.Instant;
import java.util.List;

/**
 * The end-to-end verdict: every emitted tweet in every stage exactly once.
 *
 * @param timedOut true when the stages had not caught up with the emulator before the deadline (the verification
 *                 then reports what was missing at that moment)
 * @param possiblySent        tweets in a write that failed as a stream connection dropped, and not sent otherwise:
 *                            a stage may hold each once, none has to
 * @param possiblySentArrived those of them that reached Kafka onprem, so every later stage expects them
 * @param stages   one entry per {@link Stage}, in pipeline order
 */
public record VerificationResult(Instant verifiedAt, long expected, boolean timedOut, long possiblySent,
                                 long possiblySentArrived, List<StageVerification> stages) {

    public VerificationResult {
        stages = List.copyOf(stages);
    }

    public boolean passed() {
        return !stages.isEmpty() && stages.stream().allMatch(StageVerification::passed);
    }

    public StageVerification stage(Stage stage) {
        return stages.stream().filter(s -> s.stage() == stage).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no verification for " + stage));
    }
}
