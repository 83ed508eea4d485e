package io.hybridpipe.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One flow per file: {@code <dir>/<flow-name>.json}. */
public final class FlowFiles {
    public static final String DEFAULT_DIRECTORY = "flow-definitions";
    private static final String SUFFIX = ".json";

    private FlowFiles() {
    }

    public static String flowName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }

    public static Path fileFor(Path directory, String flowName) {
        return directory.resolve(flowName + SUFFIX);
    }

    /** The flow files of a directory, sorted by name; a missing directory is an error, not an empty list. */
    public static List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("flow definition directory " + directory.toAbsolutePath() + " does not exist");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
