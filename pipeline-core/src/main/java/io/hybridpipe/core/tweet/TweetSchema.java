package io.hybridpipe.core.tweet;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The canonical Avro schema, loaded from the checked-in resource {@value #RESOURCE}. */
public final class TweetSchema {
    public static final String RESOURCE = "/io/hybridpipe/core/tweet.avsc";
    /** Field property: the VARCHAR width in UTF-8 bytes used by the Redshift and PostgreSQL DDL. */
    public static final String MAX_BYTES_PROPERTY = "hybridpipe.sql.max-bytes";

    private static final Schema SCHEMA = load();

    private TweetSchema() {
    }

    public static Schema avro() {
        return SCHEMA;
    }

    /** The column names, in schema order (the order of the DDL and of the Parquet files). */
    public static List<String> columnNames() {
        List<String> names = new ArrayList<>(SCHEMA.getFields().size());
        for (Schema.Field f : SCHEMA.getFields()) {
            names.add(f.name());
        }
        return names;
    }

    /** The declared SQL width of a string column, in UTF-8 bytes; empty for non-string columns. */
    public static OptionalInt maxBytes(Schema.Field field) {
        Object width = field.getObjectProp(MAX_BYTES_PROPERTY);
        return width instanceof Number n ? OptionalInt.of(n.intValue()) : OptionalInt.empty();
    }

    /**
     * The string columns of {@code tweet} whose UTF-8 length exceeds their declared width, as
     * {@code "column (n bytes > max)"}. A warehouse load must route such a tweet to quarantine with this reason,
     * never truncate it (the raw layers keep it whole).
     */
    public static List<String> oversizedColumns(CanonicalTweet tweet) {
        return oversizedColumns(TweetAvro.toRecord(tweet));
    }

    /**
     * {@link #oversizedColumns(CanonicalTweet)} of a record of this schema that the caller has already built (to
     * write it), so a tweet's record is built once.
     */
    public static List<String> oversizedColumns(GenericRecord r) {
        requireThisSchema(r);
        List<String> over = new ArrayList<>(0);
        for (Schema.Field f : SCHEMA.getFields()) {
            OptionalInt max = maxBytes(f);
            Object value = r.get(f.pos());
            if (max.isPresent() && value instanceof CharSequence s) {
                int bytes = utf8Length(s);
                if (bytes > max.getAsInt()) {
                    over.add(f.name() + " (" + bytes + " bytes > " + max.getAsInt() + ")");
                }
            }
        }
        return over;
    }

    /**
     * Every reason the warehouse (Redshift, or PostgreSQL standing in for it) would refuse {@code tweet}: the
     * {@linkplain #oversizedColumns oversized columns}, and string columns holding U+0000, which neither database's
     * text types can store (JSON allows it as {@code \u0000}). Empty when the tweet loads. A loader routes a tweet
     * with reasons to quarantine instead of failing the whole batch.
     */
    public static List<String> warehouseRejections(CanonicalTweet tweet) {
        return warehouseRejections(TweetAvro.toRecord(tweet));
    }

    /** {@link #warehouseRejections(CanonicalTweet)} of a record of this schema the caller has already built. */
    public static List<String> warehouseRejections(GenericRecord r) {
        List<String> reasons = oversizedColumns(r);
        for (Schema.Field f : SCHEMA.getFields()) {
            if (containsNul(r.get(f.pos()))) {
                reasons.add(f.name() + " contains U+0000");
            }
        }
        return reasons;
    }

    /**
     * The length {@code s.toString().getBytes(UTF_8)} would have, without encoding it: a {@link Utf8} knows it, and
     * counting a String's chars spares an array the size of the payload per tweet. An unpaired surrogate counts 1, as
     * the encoder replaces it by {@code '?'}.
     */
    static int utf8Length(CharSequence s) {
        if (s instanceof Utf8 u) {
            return u.getByteLength();
        }
        int bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static void requireThisSchema(GenericRecord r) {
        if (r.getSchema() != SCHEMA && !r.getSchema().equals(SCHEMA)) {
            throw new IllegalArgumentException("not a record of the canonical tweet schema: " + r.getSchema().getFullName());
        }
    }

    private static boolean containsNul(Object value) {
        if (value instanceof CharSequence s) {
            return s.toString().indexOf('\u0000') >= 0;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (containsNul(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Schema load() {
        try (InputStream in = TweetSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + RESOURCE + " is missing from the classpath");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
