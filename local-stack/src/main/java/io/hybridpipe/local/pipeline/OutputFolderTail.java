package io.hybridpipe.local.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.hybridpipe.embedded.nifi.FlowFileData;

/**
 * Follows the output folder of a running NiFi Stateless flow (the engine writes {@code NNNNNNNN.content}, then
 * {@code NNNNNNNN.flowfile}, numbered from 1) and hands over each FlowFile once its metadata is whole. What was handed
 * over is deleted only when the caller {@linkplain #release() releases} it, after it has been safely passed on.
 */
final class OutputFolderTail {

    private static final long SETTLED_MILLIS = 500;

    private final Path directory;
    private long next = 1;
    private final List<Long> taken = new ArrayList<>();

    OutputFolderTail(Path directory) {
        this.directory = directory;
    }

    /** Up to {@code max} FlowFiles that the engine has finished writing, in the order it wrote them. */
    List<FlowFileData> take(int max) throws IOException {
        List<FlowFileData> flowFiles = new ArrayList<>();
        while (flowFiles.size() < max) {
            Path metadata = directory.resolve(String.format("%08d.flowfile", next));
            if (!Files.exists(metadata) || !complete(metadata)) {
                break;
            }
            flowFiles.add(read(metadata, directory.resolve(String.format("%08d.content", next))));
            taken.add(next);
            next++;
        }
        return flowFiles;
    }

    /**
     * The engine creates the metadata file and then fills it, so its existence alone does not mean it is whole. It is
     * once the engine has started on the next FlowFile (it writes one at a time), or once it has not changed for a
     * moment.
     */
    private boolean complete(Path metadata) throws IOException {
        if (Files.exists(directory.resolve(String.format("%08d.content", next + 1)))) {
            return true;
        }
        long age = System.currentTimeMillis() - Files.getLastModifiedTime(metadata).toMillis();
        return age >= SETTLED_MILLIS;
    }

    /** Deletes every FlowFile taken so far: it has been passed on. */
    void release() throws IOException {
        for (long number : taken) {
            Files.deleteIfExists(directory.resolve(String.format("%08d.flowfile", number)));
            Files.deleteIfExists(directory.resolve(String.format("%08d.content", number)));
        }
        taken.clear();
    }

    private static FlowFileData read(Path metadataFile, Path contentFile) throws IOException {
        Properties metadata = new Properties();
        try (InputStream in = Files.newInputStream(metadataFile)) {
            metadata.load(in);
        }
        Map<String, String> attributes = new HashMap<>();
        metadata.stringPropertyNames().stream()
                .filter(key -> key.startsWith("attribute."))
                .forEach(key -> attributes.put(key.substring("attribute.".length()), metadata.getProperty(key)));
        String port = metadata.getProperty("port");
        if (port == null) {
            throw new IOException("The engine's FlowFile " + metadataFile + " names no port");
        }
        return new FlowFileData(port, Files.readAllBytes(contentFile), attributes);
    }
}
