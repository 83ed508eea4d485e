package io.hybridpipe.core.partition;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Deterministic data-file names: a name is a function of what the file holds, so a retried write replaces the same
 * file instead of adding a duplicate. Names use only {@code [A-Za-z0-9._-]}, legal on HDFS and S3, and never start
 * with {@code .} or {@code _} (Hive, Spark and Parquet readers skip such files as hidden).
 */
public final class FileNames {
    private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{1,16}(\\.[A-Za-z0-9]{1,16})?");
    private static final HexFormat HEX = HexFormat.of();

    private FileNames() {
    }

    /**
     * {@code <kind>-<sha256 hex>-<part, 5 digits>.<extension>}, e.g. {@code tweets-3f...a9-00000.parquet}.
     *
     * @param contentSha256 the 32-byte SHA-256 of the content (see {@link #sha256(byte[]...)})
     * @param part          index of the file when one content is written as several files, from 0
     * @param extension     without the leading dot, e.g. {@code parquet} or {@code snappy.parquet}
     */
    public static String forContent(String kind, byte[] contentSha256, int part, String extension) {
        requireNamePart(kind, "kind");
        Objects.requireNonNull(contentSha256, "contentSha256");
        if (contentSha256.length != 32) {
            throw new IllegalArgumentException("contentSha256 must be 32 bytes, was " + contentSha256.length);
        }
        if (part < 0) {
            throw new IllegalArgumentException("part must not be negative, was " + part);
        }
        return kind + "-" + HEX.formatHex(contentSha256) + "-" + String.format("%05d", part) + "." + extension(extension);
    }

    /**
     * {@code <topic>-p<partition>-<fromOffset>-<untilOffset>.<extension>}, offsets zero-padded to 20 digits so names
     * sort in offset order; {@code untilOffset} is exclusive, as in Spark's {@code OffsetRange}.
     */
    public static String forOffsetRange(String topic, int partition, long fromOffset, long untilOffset, String extension) {
        requireNamePart(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, was " + partition);
        }
        if (fromOffset < 0 || untilOffset < fromOffset) {
            throw new IllegalArgumentException("need 0 <= fromOffset <= untilOffset, was " + fromOffset + ".." + untilOffset);
        }
        return topic + "-p" + partition + "-" + String.format("%020d", fromOffset) + "-" + String.format("%020d", untilOffset)
                + "." + extension(extension);
    }

    /** Lower-case hex SHA-256 of the concatenation of {@code parts}. */
    public static String sha256Hex(byte[]... parts) {
        return HEX.formatHex(sha256(parts));
    }

    /** SHA-256 of the concatenation of {@code parts}. */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest digest = newSha256();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private static void requireNamePart(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!NAME_PART.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME_PART.pattern() + ", was '" + value + "'");
        }
    }

    private static String extension(String extension) {
        Objects.requireNonNull(extension, "extension");
        if (!EXTENSION.matcher(extension).matches()) {
            throw new IllegalArgumentException("extension must be like 'parquet' or 'snappy.parquet' (no leading dot), was '"
                    + extension + "'");
        }
        return extension;
    }
}
