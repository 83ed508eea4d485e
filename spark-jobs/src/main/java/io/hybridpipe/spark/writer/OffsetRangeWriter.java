package io.hybridpipe.spark.writer;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.InvalidTweetException;
import io.hybridpipe.core.tweet.TweetAvro;
import io.hybridpipe.core.tweet.TweetNormalizer;
import io.hybridpipe.core.tweet.TweetSchema;
import io.hybridpipe.spark.batch.BatchStep;
import io.hybridpipe.spark.batch.CrashPoints;
import io.hybridpipe.spark.batch.KafkaRange;
import io.hybridpipe.spark.batch.SourceRecord;

/**
 * Executor side of a batch: the records of one Kafka offset range become one data file per partition
 * directory, named after the range, so re-running the range overwrites the same objects. Records that
 * are not tweets, or that do not fit the warehouse columns, go to quarantine with the reason; they never
 * fail the batch.
 */
public final class OffsetRangeWriter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final StorageLayout layout;
    private final TweetPartitioner partitioner;
    private final TweetFileFormat format;
    private final HadoopConf hadoopConf;
    private final CrashPoints crashPoints;
    private final RowStager stager;

    public OffsetRangeWriter(StorageLayout layout, TweetPartitioner partitioner, TweetFileFormat format,
                             HadoopConf hadoopConf, CrashPoints crashPoints) {
        this(layout, partitioner, format, hadoopConf, crashPoints, RowStager.NONE);
    }

    /** @param stager receives the rows of a range's files once they are all written (see {@link RowStager}) */
    public OffsetRangeWriter(StorageLayout layout, TweetPartitioner partitioner, TweetFileFormat format,
                             HadoopConf hadoopConf, CrashPoints crashPoints, RowStager stager) {
        this.layout = layout;
        this.partitioner = partitioner;
        this.format = format;
        this.hadoopConf = hadoopConf;
        this.crashPoints = crashPoints;
        this.stager = stager;
    }

    /** True when the writer stages each file's rows for the warehouse itself (the load then reads no file). */
    public boolean stagesRows() {
        return stager.stagesRows();
    }

    public StorageLayout layout() {
        return layout;
    }

    public RangeResult write(KafkaRange range, Iterator<SourceRecord> records) {
        Configuration conf = hadoopConf.get();
        TweetNormalizer normalizer = new TweetNormalizer();
        Map<String, List<GenericRecord>> byDirectory = new TreeMap<>();
        long valid = 0;
        try (InvalidRecordWriter quarantine = new InvalidRecordWriter(conf, layout.invalidFile(range))) {
            while (records.hasNext()) {
                SourceRecord record = records.next();
                String reason = null;
                try {
                    CanonicalTweet tweet = normalize(normalizer, record);
                    GenericRecord row = TweetAvro.toUtf8Record(tweet); // once: checked, written and staged
                    List<String> rejections = TweetSchema.warehouseRejections(row);
                    if (rejections.isEmpty()) {
                        byDirectory.computeIfAbsent(partitioner.directoryOf(tweet), d -> new ArrayList<>()).add(row);
                        valid++;
                    } else {
                        reason = "not loadable into the warehouse: " + String.join(", ", rejections);
                    }
                } catch (InvalidTweetException e) {
                    reason = e.reason();
                }
                if (reason != null) {
                    quarantine.reject(record, reason);
                }
            }
            List<WrittenFile> files = new ArrayList<>(byDirectory.size());
            List<RowStager.FileRows> staged = new ArrayList<>(byDirectory.size());
            for (Map.Entry<String, List<GenericRecord>> e : byDirectory.entrySet()) {
                Path path = layout.dataFile(e.getKey(), range, format.extension());
                long bytes = format.writeRecords(conf, path, e.getValue(),
                        () -> crashPoints.reached(BatchStep.PARQUET_WRITE_IN_PROGRESS));
                files.add(new WrittenFile(path.toString(), bytes, e.getValue().size()));
                staged.add(new RowStager.FileRows(StorageLayout.warehouseUri(path.toString()), e.getValue()));
            }
            // only once every file of the range exists: staged rows never point at a file that is not there
            stager.stage(staged);
            return new RangeResult(range, files, valid, quarantine.count());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + range + " under " + layout.baseUri() + " failed", e);
        }
    }

    private static CanonicalTweet normalize(TweetNormalizer normalizer, SourceRecord record) throws InvalidTweetException {
        if (record.value() == null) {
            throw new InvalidTweetException("empty Kafka record (null value)");
        }
        return normalizer.normalize(record.value(), 0, record.value().length, record.ingestedAt());
    }
}
