package io.hybridpipe.local.observe;

import java.time.Instant;

/** A timeline event, e.g. {@code chaos: restart MirrorMaker 2}. */
public record Marker(Instant at, String event) {
}
