package io.hybridpipe.nifi.hive;

import java.io.IOException;
import java.util.List;
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

import io.hybridpipe.core.tweet.TweetSchema;

/**
 * Writes a Parquet file under a hidden temporary name, then renames it to its final name, so a reader never sees a
 * partial file. A file whose final name already exists was landed by an earlier delivery of the same content and is
 * not written again.
 */
final class ParquetLandingWriter {

    /**
     * Columns whose value differs in (nearly) every row. Parquet tries a dictionary on every column and falls back to
     * plain encoding only when a page's dictionary grows too big, so on these columns it hashed and compared every
     * value for nothing: about 40% of the CPU of writing a file, for the same bytes on disk. Every other column keeps
     * its dictionary (lang, source, authors, counts, ingested_at repeat).
     */
    static final List<String> WITHOUT_DICTIONARY = List.of("id", "text", "conversation_id", "created_at", "payload");

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

    /** @return the file, open under its temporary name; null if an earlier delivery already landed {@code name} */
    OpenFile open(Path partitionDir, String name) throws IOException {
        Path target = new Path(partitionDir, name);
        if (fs.exists(target)) {
            return null;
        }
        // a unique temporary name: a write cut short by an HDFS failure may leave one behind, still under lease
        Path temporary = new Path(partitionDir, "." + name + "." + UUID.randomUUID() + ".tmp");
        AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter.<GenericRecord>builder(
                        HadoopOutputFile.fromPath(temporary, conf))
                .withSchema(TweetSchema.avro())
                .withConf(conf)
                .withCompressionCodec(compression.codec())
                .withWriteMode(ParquetFileWriter.Mode.CREATE);
        WITHOUT_DICTIONARY.forEach(column -> builder.withDictionaryEncoding(column, false));
        try {
            return new OpenFile(partitionDir, temporary, target, builder.build());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary, e);
            throw e;
        }
    }

    /** One file being written; {@link #commit()} or {@link #abort(Exception)} it. */
    final class OpenFile {
        private final Path partitionDir;
        private final Path temporary;
        private final Path target;
        private final ParquetWriter<GenericRecord> writer;

        private OpenFile(Path partitionDir, Path temporary, Path target, ParquetWriter<GenericRecord> writer) {
            this.partitionDir = partitionDir;
            this.temporary = temporary;
            this.target = target;
            this.writer = writer;
        }

        void write(GenericRecord record) throws IOException {
            writer.write(record);
        }

        /** Closes and renames the file; @return false if an earlier delivery landed the same name meanwhile */
        boolean commit() throws IOException {
            try {
                writer.close();
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
            removeLeftoverTemporaries(partitionDir, target.getName());
            return true;
        }

        /** Gives the file up after {@code cause}: nothing becomes visible, the temporary is removed if HDFS allows. */
        void abort(Exception cause) {
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
            deleteQuietly(temporary, cause);
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
