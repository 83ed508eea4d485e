package io.hybridpipe.embedded.nifi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Deletes the folders the engine unpacked a NAR into. NiFi Stateless reuses a {@code <nar>-unpacked}
 * folder without checking the NAR, so a rebuilt NAR would silently be ignored (nifi-stateless.md,
 * pitfall 2).
 */
final class UnpackedNarFolders {

    private static final int SEARCH_DEPTH = 4;

    private UnpackedNarFolders() {
    }

    static void delete(Path engineWorkingDirectory, String narFileName) {
        if (!Files.isDirectory(engineWorkingDirectory)) {
            return;
        }
        String unpackedName = narFileName + "-unpacked";
        try (Stream<Path> candidates = Files.find(engineWorkingDirectory, SEARCH_DEPTH,
                (path, attributes) -> attributes.isDirectory() && path.getFileName().toString().equals(unpackedName))) {
            for (Path folder : candidates.toList()) {
                DirectoryTrees.delete(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear unpacked copies of " + narFileName + " under " + engineWorkingDirectory, e);
        }
    }
}
