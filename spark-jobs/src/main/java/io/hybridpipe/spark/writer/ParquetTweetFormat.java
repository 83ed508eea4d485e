package io.hybridpipe.spark.writer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetAvro;
import io.hybridpipe.core.tweet.TweetSchema;

/**
 * Snappy Parquet in the canonical Avro schema. Lists use the standard three-level structure, which
 * Redshift COPY, Athena, Hive and Spark all read.
 */
public final class ParquetTweetFormat implements TweetFileFormat {

    private static final long serialVersionUID = 1L;

    @Override
    public String extension() {
        return "parquet";
    }

    @Override
    public long write(Configuration conf, Path path, List<CanonicalTweet> tweets, Runnable midWrite) throws IOException {
        List<GenericRecord> records = new ArrayList<>(tweets.size());
        for (CanonicalTweet t : tweets) {
            records.add(TweetAvro.toRecord(t));
        }
        return writeRecords(conf, path, records, midWrite);
    }

    /** Returns the length counted while writing: no second request to the store for it. */
    @Override
    public long writeRecords(Configuration conf, Path path, List<GenericRecord> records, Runnable midWrite)
            throws IOException {
        Configuration writeConf = new Configuration(conf);
        writeConf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        SizedOutputFile file = new SizedOutputFile(HadoopOutputFile.fromPath(path, writeConf));
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(file)
                .withSchema(TweetSchema.avro())
                .withDataModel(GenericData.get())
                .withConf(writeConf)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                // unique per tweet: a dictionary only costs a hash of every value (the payload is ~1-2 KB) until the
                // writer gives up on it; low-cardinality columns (lang, source, authors) keep theirs
                .withDictionaryEncoding("id", false)
                .withDictionaryEncoding("text", false)
                .withDictionaryEncoding("conversation_id", false)
                .withDictionaryEncoding("payload", false)
                .build()) {
            int half = records.size() / 2;
            for (int i = 0; i < records.size(); i++) {
                if (i == half) {
                    midWrite.run();
                }
                writer.write(records.get(i));
            }
        }
        return file.length();
    }

    @Override
    public List<CanonicalTweet> read(Configuration conf, Path path) throws IOException {
        List<CanonicalTweet> out = new ArrayList<>();
        forEachRecord(conf, path, r -> out.add(TweetAvro.fromRecord(r)));
        return out;
    }

    @Override
    public void forEachRecord(Configuration conf, Path path, Consumer<GenericRecord> action) throws IOException {
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                HadoopInputFile.fromPath(path, conf)).withDataModel(GenericData.get()).build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                action.accept(r);
            }
        }
    }
}
