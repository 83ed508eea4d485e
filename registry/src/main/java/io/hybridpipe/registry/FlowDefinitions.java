package io.hybridpipe.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a set of flow files, reporting every invalid one at once rather than stopping at the first. */
final class FlowDefinitions {
    private FlowDefinitions() {
    }

    static List<FlowDefinition> readAll(List<Path> files) throws IOException, InvalidFlowDefinitionException {
        List<FlowDefinition> definitions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("flow file " + file + " does not exist");
            }
            try {
                definitions.add(FlowDefinitionReader.read(file));
            } catch (InvalidFlowDefinitionException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFlowDefinitionException(problems.size() == 1 ? problems.get(0)
                    : problems.size() + " files rejected:\n  " + String.join("\n  ", problems));
        }
        return definitions;
    }

    static boolean isCanonical(FlowDefinition definition) throws IOException {
        return Arrays.equals(Files.readAllBytes(definition.source()), definition.canonicalBytes());
    }
}
