package io.hybridpipe.embedded.nifi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the ERROR lines in a log of the engine's JVM, whose layout ({@code child-logback.xml}) starts
 * each line with its level, plus anything the JVM itself printed about an uncaught exception.
 */
final class ErrorLogLines {

    private ErrorLogLines() {
    }

    static List<String> in(Path logFile) {
        if (!Files.exists(logFile)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            return lines.filter(ErrorLogLines::isError).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot read the engine log " + logFile, e);
        }
    }

    /** The ERROR lines written after the log had {@code byteOffset} bytes. */
    static List<String> after(Path logFile, long byteOffset) {
        if (!Files.exists(logFile)) {
            return List.of();
        }
        try (SeekableByteChannel channel = Files.newByteChannel(logFile)) {
            channel.position(byteOffset);
            BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            return reader.lines().filter(ErrorLogLines::isError).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot read the engine log " + logFile, e);
        }
    }

    private static boolean isError(String line) {
        return line.startsWith("ERROR ") || line.startsWith("Exception in thread ");
    }
}
