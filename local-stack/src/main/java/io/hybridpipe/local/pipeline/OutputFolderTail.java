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
import java.util.concurrent.TimeUnit;

import io.hybridpipe.embedded.nifi.FlowFileData;

/**
 * Follows the output folder of a running NiFi Stateless flow (the engine writes {@code NNNNNNNN.content}, then
 * {@code NNNNNNNN.flowfile}, numbered from 1) and hands over each FlowFile once its metadata is whole. What was handed
 * over is deleted only when the caller {@linkplain #release() releases} it, after it has been safely passed on.
 */
final class OutputFolderTail {

    private static final long INCOMPLETE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Path directory;
    private long next = 1;
    private final List<Long> taken = new ArrayList<>();
    private long waitingSince;

    OutputFolderTail(Path directory) {
        this.directory = directory;
    }

    /** Up to {@code max} FlowFiles that the engine has finished writing, in the order it wrote them. */
    List<FlowFileData> take(int max) throws IOException {
        List<FlowFileData> flowFiles = new ArrayList<>();
        while (flowFiles.size() < max) {
            Path metadataFile = directory.resolve(String.format("%08d.flowfile", next));
            Properties metadata = wholeMetadata(metadataFile);
            if (metadata == null) {
                break;
            }
            flowFiles.add(flowFile(metadata, directory.resolve(String.format("%08d.content", next))));
            taken.add(next);
            next++;
            waitingSince = 0;
        }
        return flowFiles;
    }

    /**
     * The metadata once the engine has written it whole, else null. The engine creates the file, then writes its
     * few hundred bytes in one go when it closes it, so an empty file or one without its port entry is still being
     * written; one that stays so for {@link #INCOMPLETE_LIMIT_NANOS} is broken.
     */
    private Properties wholeMetadata(Path metadataFile) throws IOException {
        if (!Files.exists(metadataFile)) {
            return null;
        }
        Properties metadata = new Properties();
        try (InputStream in = Files.newInputStream(metadataFile)) {
            metadata.load(in);
        }
        if (metadata.getProperty("port") != null) {
            return metadata;
        }
        long now = System.nanoTime();
        if (waitingSince == 0) {
            waitingSince = now;
        } else if (now - waitingSince > INCOMPLETE_LIMIT_NANOS) {
            throw new IOException("The engine's FlowFile " + metadataFile + " has named no port for "
                    + TimeUnit.NANOSECONDS.toSeconds(INCOMPLETE_LIMIT_NANOS) + " s");
        }
        return null;
    }

    /** Deletes every FlowFile taken so far: it has been passed on. */
    void release() throws IOException {
        for (long number : taken) {
            Files.deleteIfExists(directory.resolve(String.format("%08d.flowfile", number)));
            Files.deleteIfExists(directory.resolve(String.format("%08d.content", number)));
        }
        taken.clear();
    }

    private static FlowFileData flowFile(Properties metadata, Path contentFile) throws IOException {
        Map<String, String> attributes = new HashMap<>();
        metadata.stringPropertyNames().stream()
                .filter(key -> key.startsWith("attribute."))
                .forEach(key -> attributes.put(key.substring("attribute.".length()), metadata.getProperty(key)));
        return new FlowFileData(metadata.getProperty("port"), Files.readAllBytes(contentFile), attributes);
    }
}
