package io.hybridpipe.nifi.hive;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.hybridpipe.core.partition.FileNames;
import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.core.stream.StreamLineReader;
import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.InvalidTweetException;
import io.hybridpipe.core.tweet.TweetNormalizer;

/**
 * Reads NDJSON tweet messages: every non-blank line is either a tweet, handed to a {@link TweetSink} with its
 * partition in input order, or an invalid line with its reason.
 */
final class BatchReader {

    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    /** Where the tweets of a FlowFile go, in input order. */
    @FunctionalInterface
    interface TweetSink<E extends Exception> {
        void accept(PartitionPath partition, CanonicalTweet tweet) throws E;
    }

    private final TweetNormalizer normalizer = new TweetNormalizer();

    /** @return the lines that are not tweets */
    <E extends Exception> InvalidLines read(InputStream content, Instant ingestedAt, TweetSink<E> sink)
            throws IOException, E {
        InvalidLines invalid = new InvalidLines();
        // a partition is a function of the tweet's UTC hour: PartitionPath.of (date formatting and validation) runs
        // once per hour seen rather than once per tweet
        Map<Long, PartitionPath> partitionByEpochHour = new HashMap<>();
        try (StreamLineReader lines = new StreamLineReader(content, MAX_LINE_BYTES)) {
            long lineNumber = 0;
            for (StreamLineReader.Line line = lines.next(); line != null; line = lines.next()) {
                lineNumber++;
                if (line.oversized()) {
                    invalid.add(lineNumber, "line longer than " + MAX_LINE_BYTES + " bytes (first bytes kept)",
                            line.buf(), line.off(), line.len());
                } else if (!isBlank(line)) {
                    CanonicalTweet tweet = normalize(line, lineNumber, ingestedAt, invalid);
                    if (tweet != null) {
                        long hour = Math.floorDiv(tweet.createdAt().getEpochSecond(), 3600L);
                        sink.accept(partitionByEpochHour.computeIfAbsent(hour, h -> PartitionPath.of(tweet.createdAt())),
                                tweet);
                    }
                }
            }
        }
        return invalid;
    }

    /** The SHA-256 of the whole content: the basis of the deterministic file names. */
    static byte[] contentSha256(InputStream content) throws IOException {
        MessageDigest sha256 = FileNames.newSha256();
        byte[] buffer = new byte[64 * 1024];
        for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
            sha256.update(buffer, 0, n);
        }
        return sha256.digest();
    }

    /** @return the tweet, or null after recording the line as invalid */
    private CanonicalTweet normalize(StreamLineReader.Line line, long lineNumber, Instant ingestedAt,
                                     InvalidLines invalid) {
        try {
            return normalizer.normalize(line.buf(), line.off(), line.len(), ingestedAt);
        } catch (InvalidTweetException e) {
            invalid.add(lineNumber, e.reason(), line.buf(), line.off(), line.len());
            return null;
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
