package io.hybridpipe.nifi.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetAvro;
import io.hybridpipe.core.tweet.TweetNormalizer;
import io.hybridpipe.core.tweet.TweetSchema;

/** The Parquet layout of a landed file, on the local file system (the HDFS behaviour is PutHiveLandingTest's). */
class ParquetLandingWriterTest {

    private static final Instant HOUR_7 = Instant.parse("2026-11-28T07:00:00Z");

    @TempDir
    java.nio.file.Path dir;

    @Test
    void columnsUniqueToEachTweetHaveNoDictionaryAndTheOthersKeepIt() throws Exception {
        assertThat(columnsWithoutDictionaryFoundInTheSchema()).containsExactlyElementsOf(ParquetLandingWriter.WITHOUT_DICTIONARY);
        List<CanonicalTweet> tweets = tweets(500);
        Path file = land(tweets);

        Map<String, Boolean> dictionaryByColumn;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, new Configuration()))) {
            dictionaryByColumn = reader.getFooter().getBlocks().get(0).getColumns().stream()
                    .collect(Collectors.toMap(c -> c.getPath().toDotString(), ColumnChunkMetaData::hasDictionaryPage));
        }
        for (String column : ParquetLandingWriter.WITHOUT_DICTIONARY) {
            assertThat(dictionaryByColumn).as(column).containsEntry(column, false);
        }
        for (String column : List.of("lang", "author_username", "retweet_count", "ingested_at")) {
            assertThat(dictionaryByColumn).as(column).containsEntry(column, true);
        }
        assertThat(readBack(file)).containsExactlyElementsOf(tweets);
    }

    private static List<String> columnsWithoutDictionaryFoundInTheSchema() {
        return ParquetLandingWriter.WITHOUT_DICTIONARY.stream()
                .filter(name -> TweetSchema.avro().getField(name) != null).toList();
    }

    private Path land(List<CanonicalTweet> tweets) throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path partitionDir = new Path(dir.toUri().toString(), PartitionPath.of(HOUR_7).path());
        ParquetLandingWriter.OpenFile file = new ParquetLandingWriter(fs, ParquetCompression.SNAPPY)
                .open(partitionDir, "tweets-test-0.parquet");
        for (CanonicalTweet tweet : tweets) {
            file.write(TweetAvro.toUtf8Record(tweet));
        }
        assertThat(file.commit()).isTrue();
        return new Path(partitionDir, "tweets-test-0.parquet");
    }

    static List<CanonicalTweet> tweets(int count) throws Exception {
        TweetNormalizer normalizer = new TweetNormalizer();
        List<CanonicalTweet> tweets = new ArrayList<>();
        for (String line : TestTweets.tweets(1, count, HOUR_7, 1)) {
            tweets.add(normalizer.normalize(line, HOUR_7));
        }
        return tweets;
    }

    static List<CanonicalTweet> readBack(Path file) throws Exception {
        List<CanonicalTweet> rows = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                HadoopInputFile.fromPath(file, new Configuration())).withDataModel(GenericData.get()).build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                rows.add(TweetAvro.fromRecord(r));
            }
        }
        return rows;
    }
}
