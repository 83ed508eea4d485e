package io.hybridpipe.embedded.nifi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts the extra NARs of a run into the engine's extensions directory. A NAR whose bytes equal the copy
 * already there keeps its unpacked folder (unpacking a 70 MB NAR costs seconds); a changed NAR loses it,
 * since the engine would silently reuse the stale one (nifi-stateless.md, pitfall 2); a NAR no longer
 * wanted is removed with its unpacked folder.
 */
final class ExtraNars {

    private ExtraNars() {
    }

    static void install(List<Path> nars, Path extensionsDirectory, Path engineDirectory) throws IOException {
        Files.createDirectories(extensionsDirectory);
        Set<String> wanted = new HashSet<>();
        for (Path nar : nars) {
            wanted.add(nar.getFileName().toString());
        }
        try (DirectoryStream<Path> present = Files.newDirectoryStream(extensionsDirectory, "*.nar")) {
            for (Path nar : present) {
                String name = nar.getFileName().toString();
                if (!wanted.contains(name)) {
                    UnpackedNarFolders.delete(engineDirectory, name);
                    Files.delete(nar);
                }
            }
        }
        for (Path nar : nars) {
            String name = nar.getFileName().toString();
            Path installed = extensionsDirectory.resolve(name);
            if (Files.exists(installed) && Files.mismatch(installed, nar) == -1) {
                continue;
            }
            UnpackedNarFolders.delete(engineDirectory, name);
            Files.copy(nar, installed, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
