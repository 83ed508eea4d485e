package io.hybridpipe.local.observe;

import java.time.Instant;

/** A poll of a stage that failed (an engine restarting during chaos, say); the probe is retried at the next poll. */
public record ProbeFailure(Instant at, Stage stage, String error) {
}
