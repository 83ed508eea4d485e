package io.hybridpipe.spark.writer;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetAvro;

/** How rows become a file and back (the Format seam of kafka-connect-storage-common). */
public interface TweetFileFormat extends Serializable {

    /** without the leading dot */
    String extension();

    /** Writes {@code tweets} to {@code path}, replacing a file already there; returns the file size. */
    long write(Configuration conf, Path path, List<CanonicalTweet> tweets, Runnable midWrite) throws IOException;

    /**
     * Writes records of the canonical Avro schema (built once per tweet by the caller, which may hand the same records
     * to a {@link RowStager}); returns the file size.
     */
    default long writeRecords(Configuration conf, Path path, List<GenericRecord> records, Runnable midWrite)
            throws IOException {
        return write(conf, path, records.stream().map(TweetAvro::fromRecord).toList(), midWrite);
    }

    List<CanonicalTweet> read(Configuration conf, Path path) throws IOException;

    /** Streams the file's rows as records of the canonical Avro schema, without building tweets. */
    void forEachRecord(Configuration conf, Path path, Consumer<GenericRecord> action) throws IOException;
}
