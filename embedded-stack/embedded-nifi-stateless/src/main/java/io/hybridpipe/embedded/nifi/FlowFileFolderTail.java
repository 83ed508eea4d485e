package io.hybridpipe.embedded.nifi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Follows a {@link FlowFileFolder} another JVM is writing (a running engine's output) and hands over its FlowFiles in
 * the order written. What was handed over is deleted only when the caller {@linkplain #release() releases} it, after
 * it has been safely passed on; until then a new tail on the same folder would hand it over again.
 */
public final class FlowFileFolderTail {

    private final Path directory;
    private final List<Long> taken = new ArrayList<>();
    private long next = 1;

    public FlowFileFolderTail(Path directory) {
        this.directory = directory;
    }

    /** Whole bundles written since the last take, until at least {@code atLeast} FlowFiles or no more bundles. */
    public List<FlowFileData> take(int atLeast) throws IOException {
        List<FlowFileData> flowFiles = new ArrayList<>();
        while (flowFiles.size() < atLeast) {
            Optional<List<FlowFileData>> bundle = FlowFileFolder.readBundle(directory, next);
            if (bundle.isEmpty()) {
                break;
            }
            flowFiles.addAll(bundle.get());
            taken.add(next);
            next++;
        }
        return flowFiles;
    }

    /** Deletes every bundle taken so far: it has been passed on. */
    public void release() throws IOException {
        for (long number : taken) {
            FlowFileFolder.deleteBundle(directory, number);
        }
        taken.clear();
    }
}
