package io.hybridpipe.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test flow definitions under src/test/resources/flows, as bytes, trees or files. */
final class Fixtures {
    static final String SAMPLE = "tweets-sample";
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/flows/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture flows/" + name + ".json");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String name) {
        try {
            return (ObjectNode) JSON.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the fixture as it is (NiFi's download layout, not canonical). */
    static Path copy(String name, Path directory) throws IOException {
        Files.createDirectories(directory);
        return Files.write(directory.resolve(name + ".json"), bytes(name));
    }

    /** Writes the fixture in canonical form, as a repository would keep it. */
    static Path canonicalCopy(String name, Path directory) throws Exception {
        Path file = copy(name, directory);
        return Files.write(file, FlowDefinitionReader.read(file).canonicalBytes());
    }

    static Path write(Path directory, String name, ObjectNode tree) throws IOException {
        Files.createDirectories(directory);
        return Files.write(directory.resolve(name + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
    }
}
