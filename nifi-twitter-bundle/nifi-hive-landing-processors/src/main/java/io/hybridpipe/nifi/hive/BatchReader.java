package io.hybridpipe.nifi.hive;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hybridpipe.core.partition.FileNames;
import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.core.stream.StreamLineReader;
import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.InvalidTweetException;
import io.hybridpipe.core.tweet.TweetNormalizer;

/** Reads NDJSON tweet messages into a {@link LandingBatch}; every non-blank line is either a row or an invalid line. */
final class BatchReader {

    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final TweetNormalizer normalizer = new TweetNormalizer();

    LandingBatch read(InputStream content, Instant ingestedAt) throws IOException {
        MessageDigest sha256 = FileNames.newSha256();
        Map<PartitionPath, List<CanonicalTweet>> byPartition = new LinkedHashMap<>();
        InvalidLines invalid = new InvalidLines();
        try (StreamLineReader lines = new StreamLineReader(new DigestInputStream(content, sha256), MAX_LINE_BYTES)) {
            long lineNumber = 0;
            for (StreamLineReader.Line line = lines.next(); line != null; line = lines.next()) {
                lineNumber++;
                if (line.oversized()) {
                    invalid.add(lineNumber, "line longer than " + MAX_LINE_BYTES + " bytes (first bytes kept)",
                            line.buf(), line.off(), line.len());
                } else if (!isBlank(line)) {
                    readLine(line, lineNumber, ingestedAt, byPartition, invalid);
                }
            }
        }
        return new LandingBatch(byPartition, invalid, sha256.digest());
    }

    private void readLine(StreamLineReader.Line line, long lineNumber, Instant ingestedAt,
                          Map<PartitionPath, List<CanonicalTweet>> byPartition, InvalidLines invalid) {
        try {
            CanonicalTweet tweet = normalizer.normalize(line.buf(), line.off(), line.len(), ingestedAt);
            byPartition.computeIfAbsent(PartitionPath.of(tweet.createdAt()), p -> new ArrayList<>()).add(tweet);
        } catch (InvalidTweetException e) {
            invalid.add(lineNumber, e.reason(), line.buf(), line.off(), line.len());
        }
    }

    /** Blank lines are keep-alives or demarcator leftovers, not messages. */
    private static boolean isBlank(StreamLineReader.Line line) {
        for (int i = line.off(); i < line.off() + line.len(); i++) {
            byte b = line.buf()[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
