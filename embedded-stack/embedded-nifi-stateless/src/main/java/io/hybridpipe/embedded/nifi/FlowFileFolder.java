package io.hybridpipe.embedded.nifi;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stores FlowFiles in a directory so that two JVMs can hand them over. Each write is one bundle file,
 * {@code <n>.flowfiles}, numbered from 1 in the order written, holding any number of FlowFiles (port,
 * attributes, content); it is written as {@code <n>.flowfiles.partial} and renamed once whole, so a reader
 * never sees part of one. One file per trigger rather than two per FlowFile: creating and deleting small
 * files cost ~0.7 ms each here, which capped a FlowFile-per-tweet flow at a few hundred tweets a second.
 */
public final class FlowFileFolder {

    private static final String SUFFIX = ".flowfiles";
    private static final int MAGIC = 0x48504631; // "HPF1"

    private final Path directory;
    private long written;

    public FlowFileFolder(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public void write(FlowFileData flowFile) {
        writeAll(List.of(flowFile));
    }

    /** Writes the FlowFiles as one bundle; nothing is written for an empty list. */
    public void writeAll(List<FlowFileData> flowFiles) {
        if (flowFiles.isEmpty()) {
            return;
        }
        Path bundle = bundle(directory, ++written);
        Path partial = bundle.resolveSibling(bundle.getFileName() + ".partial");
        try {
            Files.createDirectories(directory);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(flowFiles.size());
                for (FlowFileData flowFile : flowFiles) {
                    writeString(out, flowFile.port());
                    out.writeInt(flowFile.attributes().size());
                    for (Map.Entry<String, String> attribute : flowFile.attributes().entrySet()) {
                        writeString(out, attribute.getKey());
                        writeString(out, attribute.getValue());
                    }
                    out.writeInt(flowFile.content().length);
                    out.write(flowFile.content());
                }
            }
            Files.move(partial, bundle, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write FlowFile bundle " + bundle, e);
        }
    }

    /** Every FlowFile in the folder, bundle after bundle, in the order written. */
    public List<FlowFileData> readAll() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> bundles = files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            List<FlowFileData> flowFiles = new ArrayList<>();
            for (Path bundle : bundles) {
                flowFiles.addAll(read(bundle));
            }
            return flowFiles;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read FlowFiles from " + directory, e);
        }
    }

    /** Bundle {@code number} of the folder, if it has been written whole. */
    static Optional<List<FlowFileData>> readBundle(Path directory, long number) throws IOException {
        Path bundle = bundle(directory, number);
        return Files.exists(bundle) ? Optional.of(read(bundle)) : Optional.empty();
    }

    static void deleteBundle(Path directory, long number) throws IOException {
        Files.deleteIfExists(bundle(directory, number));
    }

    private static Path bundle(Path directory, long number) {
        return directory.resolve(String.format("%08d", number) + SUFFIX);
    }

    private static List<FlowFileData> read(Path bundle) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(bundle), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(bundle + " is not a FlowFile bundle");
            }
            int count = in.readInt();
            List<FlowFileData> flowFiles = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String port = readString(in);
                int attributeCount = in.readInt();
                Map<String, String> attributes = new LinkedHashMap<>();
                for (int a = 0; a < attributeCount; a++) {
                    attributes.put(readString(in), readString(in));
                }
                flowFiles.add(new FlowFileData(port, readBytes(in), attributes));
            }
            return flowFiles;
        } catch (EOFException e) {
            throw new IOException("FlowFile bundle " + bundle + " is truncated", e);
        }
    }

    // length-prefixed UTF-8: DataOutput.writeUTF would refuse attribute values over 64 KB
    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative length " + length + " in a FlowFile bundle");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException();
        }
        return bytes;
    }
}
