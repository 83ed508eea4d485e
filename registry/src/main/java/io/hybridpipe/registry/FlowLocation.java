package io.hybridpipe.registry;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the flows are: the local directory and the Registry bucket. */
public final class FlowLocation {
    @Option(names = {"-d", "--dir"}, defaultValue = FlowFiles.DEFAULT_DIRECTORY,
            description = "Directory of flow definition files, one flow per <name>.json (default ${DEFAULT-VALUE}).")
    Path directory;

    @Option(names = {"-b", "--bucket"}, defaultValue = "hybridpipe", description = "Registry bucket (default ${DEFAULT-VALUE}).")
    String bucket;

    /** The named flows' files, or every flow file of the directory when no name is given. */
    List<Path> files(List<String> flowNames) throws IOException {
        if (flowNames == null || flowNames.isEmpty()) {
            return FlowFiles.list(directory);
        }
        List<Path> files = new ArrayList<>();
        for (String name : flowNames) {
            files.add(FlowFiles.fileFor(directory, FlowFiles.flowName(Path.of(name))));
        }
        return files;
    }
}
