package io.hybridpipe.registry;

import org.apache.nifi.registry.flow.VersionedFlowSnapshot;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A validated flow definition, held as its canonical bytes: what HybridPipe compares, pushes and
 * writes back on pull.
 */
public final class FlowDefinition {
    private final Path source;
    private final byte[] canonical;

    FlowDefinition(Path source, byte[] canonical) {
        this.source = source;
        this.canonical = canonical.clone();
    }

    public Path source() {
        return source;
    }

    /** The flow name in the Registry: the file name without {@code .json}. */
    public String flowName() {
        return FlowFiles.flowName(source);
    }

    /** A fresh model copy each call: the Registry client fills in snapshot metadata on what it sends. */
    public VersionedFlowSnapshot content() {
        return CanonicalFlowWriter.contentOf(canonical, source);
    }

    public byte[] canonicalBytes() {
        return canonical.clone();
    }

    public boolean sameContentAs(FlowDefinition other) {
        return Arrays.equals(canonical, other.canonical);
    }
}
