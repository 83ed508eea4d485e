package io.hybridpipe.nifi.hive;

import java.io.IOException;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetAvro;
import io.hybridpipe.core.tweet.TweetSchema;

/**
 * Writes one {@link PlannedFile} as Parquet under a hidden temporary name, then renames it to its final name, so
 * a reader never sees a partial file. A file whose final name already exists was landed by an earlier delivery
 * of the same content and is left as it is.
 */
final class ParquetLandingWriter {

    private final FileSystem fs;
    private final Configuration conf;
    private final ParquetCompression compression;

    ParquetLandingWriter(FileSystem fs, ParquetCompression compression) {
        this.fs = fs;
        this.conf = new Configuration(fs.getConf());
        // the standard three-level LIST layout that Hive and Spark both read
        this.conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        this.compression = compression;
    }

    /** @return true if the file was written now, false if an earlier delivery had already landed it */
    boolean land(Path partitionDir, PlannedFile file) throws IOException {
        Path target = new Path(partitionDir, file.name());
        if (fs.exists(target)) {
            return false;
        }
        // a unique temporary name: a write cut short by an HDFS failure may leave one behind, still under lease
        Path temporary = new Path(partitionDir, "." + file.name() + "." + UUID.randomUUID() + ".tmp");
        try {
            write(temporary, file);
            if (!fs.rename(temporary, target)) {
                if (!fs.exists(target)) {
                    throw new IOException("rename of " + temporary + " to " + target + " failed");
                }
                fs.delete(temporary, false);
                return false;
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary, e);
            throw e;
        }
        removeLeftoverTemporaries(partitionDir, file.name());
        return true;
    }

    private void write(Path temporary, PlannedFile file) throws IOException {
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                        HadoopOutputFile.fromPath(temporary, conf))
                .withSchema(TweetSchema.avro())
                .withConf(conf)
                .withCompressionCodec(compression.codec())
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .build()) {
            for (CanonicalTweet tweet : file.rows()) {
                writer.write(Utf8Strings.inPlace(TweetAvro.toRecord(tweet)));
            }
        }
    }

    /** Temporaries of earlier attempts at the same file: hidden from readers, but they take space. */
    private void removeLeftoverTemporaries(Path partitionDir, String name) throws IOException {
        for (FileStatus status : fs.listStatus(partitionDir, p -> p.getName().startsWith("." + name + "."))) {
            fs.delete(status.getPath(), false);
        }
    }

    private void deleteQuietly(Path temporary, Exception cause) {
        try {
            fs.delete(temporary, false);
        } catch (IOException | RuntimeException e) {
            // HDFS is likely down: the hidden temporary is removed by the next successful attempt
            cause.addSuppressed(e);
        }
    }
}
