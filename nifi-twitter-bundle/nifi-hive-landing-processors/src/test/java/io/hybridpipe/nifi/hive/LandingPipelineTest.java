package io.hybridpipe.nifi.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hybridpipe.core.partition.FileNames;
import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.core.tweet.CanonicalTweet;

/** The reading thread and the writer thread of one FlowFile, on the local file system. */
class LandingPipelineTest {

    private static final Instant HOUR_7 = Instant.parse("2026-11-28T07:00:00Z");
    private static final byte[] SHA = FileNames.sha256("content".getBytes());

    @TempDir
    java.nio.file.Path dir;

    private final ExecutorService writers = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void filesHoldEachPartitionsRowsInInputOrderSplitAtMaxRowsUnderDeterministicNames() throws Exception {
        List<CanonicalTweet> tweets = ParquetLandingWriterTest.tweets(3_000); // more chunks than fit in the queue
        PartitionPath odd = PartitionPath.of(HOUR_7.plusSeconds(3600));
        PartitionPath even = PartitionPath.of(HOUR_7);

        PartitionFiles.Landed landed = land(tweets, i -> i % 2 == 0 ? even : odd, 1_000);

        assertThat(landed.partitions()).containsExactly(even, odd);
        assertThat(landed.rows()).isEqualTo(3_000);
        assertThat(landed.alreadyLanded()).isZero();
        List<String> expectedPaths = new ArrayList<>();
        for (PartitionPath p : List.of(even, odd)) {
            for (int part = 0; part < 2; part++) {
                expectedPaths.add(location() + "/" + p.path() + "/" + FileNames.forContent("tweets", SHA, part, "parquet"));
            }
        }
        assertThat(landed.targetPaths()).containsExactlyElementsOf(expectedPaths);
        List<CanonicalTweet> evenRows = new ArrayList<>();
        List<CanonicalTweet> oddRows = new ArrayList<>();
        for (int i = 0; i < tweets.size(); i++) {
            (i % 2 == 0 ? evenRows : oddRows).add(tweets.get(i));
        }
        assertThat(ParquetLandingWriterTest.readBack(new Path(expectedPaths.get(0)))).isEqualTo(evenRows.subList(0, 1_000));
        assertThat(ParquetLandingWriterTest.readBack(new Path(expectedPaths.get(1)))).isEqualTo(evenRows.subList(1_000, 1_500));
        assertThat(ParquetLandingWriterTest.readBack(new Path(expectedPaths.get(3)))).isEqualTo(oddRows.subList(1_000, 1_500));
        assertThat(hiddenFiles()).isEmpty();
    }

    @Test
    void theSameContentAgainFindsItsFilesAndRewritesNone() throws Exception {
        List<CanonicalTweet> tweets = ParquetLandingWriterTest.tweets(10);
        PartitionFiles.Landed first = land(tweets, i -> PartitionPath.of(HOUR_7), 4);
        long modified = Files.getLastModifiedTime(java.nio.file.Path.of(new Path(first.targetPaths().get(0)).toUri()))
                .toMillis();
        Thread.sleep(20);

        PartitionFiles.Landed again = land(tweets, i -> PartitionPath.of(HOUR_7), 4);

        assertThat(again.targetPaths()).isEqualTo(first.targetPaths()).hasSize(3);
        assertThat(again.alreadyLanded()).isEqualTo(3);
        assertThat(Files.getLastModifiedTime(java.nio.file.Path.of(new Path(first.targetPaths().get(0)).toUri()))
                .toMillis()).isEqualTo(modified);
    }

    @Test
    void aWriterFailureReachesTheReadingThreadInsteadOfBlockingIt() throws Exception {
        Files.writeString(dir.resolve("not-a-directory"), "x");
        PartitionFiles files = new PartitionFiles(writer(), dir.toUri() + "not-a-directory/table", SHA, 1_000_000);
        LandingPipeline pipeline = new LandingPipeline(writers, hadoop(), files);

        assertThatThrownBy(() -> {
            for (CanonicalTweet tweet : ParquetLandingWriterTest.tweets(5_000)) {
                pipeline.add(PartitionPath.of(HOUR_7), tweet);
            }
            pipeline.finish();
        }).isInstanceOf(LandingPipeline.WriteFailedException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void abortingLeavesNoFileVisibleAndNoTemporaryBehind() throws Exception {
        LandingPipeline pipeline = new LandingPipeline(writers, hadoop(),
                new PartitionFiles(writer(), location(), SHA, 1_000_000));
        for (CanonicalTweet tweet : ParquetLandingWriterTest.tweets(2_000)) {
            pipeline.add(PartitionPath.of(HOUR_7), tweet);
        }

        pipeline.abort();

        try (Stream<java.nio.file.Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".crc")))
                    .isEmpty();
        }
    }

    private interface PartitionOf {
        PartitionPath of(int index);
    }

    private PartitionFiles.Landed land(List<CanonicalTweet> tweets, PartitionOf partitionOf, int maxRows)
            throws Exception {
        LandingPipeline pipeline = new LandingPipeline(writers, hadoop(),
                new PartitionFiles(writer(), location(), SHA, maxRows));
        for (int i = 0; i < tweets.size(); i++) {
            pipeline.add(partitionOf.of(i), tweets.get(i));
        }
        return pipeline.finish();
    }

    private String location() {
        return dir.toUri().toString() + "table";
    }

    private List<java.nio.file.Path> hiddenFiles() throws IOException {
        try (Stream<java.nio.file.Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().contains(".tmp")).toList();
        }
    }

    private static ParquetLandingWriter writer() throws IOException {
        return new ParquetLandingWriter(FileSystem.getLocal(new Configuration()), ParquetCompression.SNAPPY);
    }

    private HadoopAccess hadoop() throws IOException {
        return HadoopAccess.open(List.of(), null, null, dir.toUri());
    }
}
