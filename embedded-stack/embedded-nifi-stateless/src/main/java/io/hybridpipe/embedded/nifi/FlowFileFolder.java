package io.hybridpipe.embedded.nifi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Stores FlowFiles in a directory so that two JVMs can hand them over: {@code <n>.content} holds the
 * bytes, {@code <n>.flowfile} the port and the attributes. Files are numbered in the order they were
 * written, and read back in that order.
 */
public final class FlowFileFolder {

    private static final String CONTENT_SUFFIX = ".content";
    private static final String METADATA_SUFFIX = ".flowfile";
    private static final String PORT_KEY = "port";
    private static final String ATTRIBUTE_PREFIX = "attribute.";

    private final Path directory;
    private int written;

    public FlowFileFolder(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public void write(FlowFileData flowFile) {
        String baseName = String.format("%08d", ++written);
        Properties metadata = new Properties();
        metadata.setProperty(PORT_KEY, flowFile.port());
        flowFile.attributes().forEach((name, value) -> metadata.setProperty(ATTRIBUTE_PREFIX + name, value));
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(baseName + CONTENT_SUFFIX), flowFile.content());
            // metadata last: a reader only picks up FlowFiles whose metadata exists
            try (OutputStream out = Files.newOutputStream(directory.resolve(baseName + METADATA_SUFFIX))) {
                metadata.store(out, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write FlowFile " + baseName + " into " + directory, e);
        }
    }

    public List<FlowFileData> readAll() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> metadataFiles = files
                    .filter(file -> file.getFileName().toString().endsWith(METADATA_SUFFIX))
                    .sorted()
                    .toList();
            List<FlowFileData> flowFiles = new ArrayList<>(metadataFiles.size());
            for (Path metadataFile : metadataFiles) {
                flowFiles.add(read(metadataFile));
            }
            return flowFiles;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read FlowFiles from " + directory, e);
        }
    }

    private static FlowFileData read(Path metadataFile) throws IOException {
        Properties metadata = new Properties();
        try (InputStream in = Files.newInputStream(metadataFile)) {
            metadata.load(in);
        }
        String fileName = metadataFile.getFileName().toString();
        String baseName = fileName.substring(0, fileName.length() - METADATA_SUFFIX.length());
        byte[] content = Files.readAllBytes(metadataFile.resolveSibling(baseName + CONTENT_SUFFIX));
        String port = metadata.getProperty(PORT_KEY);
        if (port == null) {
            throw new IOException("FlowFile metadata " + metadataFile + " names no port");
        }
        Map<String, String> attributes = new HashMap<>();
        for (String key : metadata.stringPropertyNames()) {
            if (key.startsWith(ATTRIBUTE_PREFIX)) {
                attributes.put(key.substring(ATTRIBUTE_PREFIX.length()), metadata.getProperty(key));
            }
        }
        return new FlowFileData(port, content, attributes);
    }
}
