package io.hybridpipe.nifi.twitter.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the NDJSON files PutFile wrote and counts how often each tweet id ({@code data.id}) occurs.
 * A line that is not a tweet fails the read: nothing in the tweets directory may be silently skipped.
 */
final class LandedTweets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> occurrences;
    private final int files;

    private LandedTweets(Map<String, Integer> occurrences, int files) {
        this.occurrences = occurrences;
        this.files = files;
    }

    static LandedTweets in(Path directory) {
        Map<String, Integer> occurrences = new LinkedHashMap<>();
        List<Path> files = filesIn(directory);
        for (Path file : files) {
            for (String line : linesOf(file)) {
                if (!line.isBlank()) {
                    occurrences.merge(tweetId(file, line), 1, Integer::sum);
                }
            }
        }
        return new LandedTweets(occurrences, files.size());
    }

    /** How many tweet lines landed, repeats included. */
    int lineCount() {
        return occurrences.values().stream().mapToInt(Integer::intValue).sum();
    }

    Map<String, Integer> occurrencesById() {
        return occurrences;
    }

    int fileCount() {
        return files;
    }

    private static String tweetId(Path file, String line) {
        try {
            JsonNode id = JSON.readTree(line).path("data").path("id");
            if (!id.isTextual()) {
                throw new IllegalStateException("A line of " + file + " has no data.id: " + line);
            }
            return id.asText();
        } catch (IOException e) {
            throw new IllegalStateException("A line of " + file + " is not JSON: " + line, e);
        }
    }

    /** The finished files PutFile wrote into {@code directory}, whatever they hold. */
    static List<Path> filesIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            // PutFile writes into a dot-file first and renames it; only finished files count
            return files.filter(file -> !file.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    private static List<String> linesOf(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
