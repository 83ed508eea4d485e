package io.hybridpipe.spark.warehouse;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.InvalidTweetException;
import io.hybridpipe.core.tweet.TweetNormalizer;
import io.hybridpipe.spark.batch.BatchRanges;
import io.hybridpipe.spark.batch.KafkaRange;
import io.hybridpipe.spark.batch.RedshiftManifest;
import io.hybridpipe.spark.writer.ParquetTweetFormat;
import io.hybridpipe.spark.writer.StorageLayout;
import io.hybridpipe.spark.writer.WrittenFile;

/** Puts Parquet files and their manifest on storage the way a batch would, for loader tests. */
final class StagedBatch {

    private StagedBatch() {
    }

    static List<CanonicalTweet> normalize(List<String> messages) throws InvalidTweetException {
        TweetNormalizer normalizer = new TweetNormalizer();
        List<CanonicalTweet> out = new ArrayList<>();
        for (String m : messages) {
            out.add(normalizer.normalize(m, Instant.parse("2026-11-28T09:00:00Z")));
        }
        return out;
    }

    /** One file per tweet list, all in one manifest named after {@code range}; returns the load request. */
    static LoadRequest stage(Configuration conf, StorageLayout layout, KafkaRange range, List<List<CanonicalTweet>> files)
            throws IOException {
        ParquetTweetFormat format = new ParquetTweetFormat();
        List<WrittenFile> written = new ArrayList<>();
        long rows = 0;
        for (int i = 0; i < files.size(); i++) {
            Path path = layout.dataFile("dt=2026-11-28/hr=0" + i, range, "parquet");
            long bytes = format.write(conf, path, files.get(i), () -> { });
            written.add(new WrittenFile(path.toString(), bytes, files.get(i).size()));
            rows += files.get(i).size();
        }
        BatchRanges batch = new BatchRanges(List.of(range));
        Path manifest = layout.manifest(batch);
        RedshiftManifest.write(conf, manifest, written);
        return new LoadRequest(StorageLayout.warehouseUri(manifest.toString()), batch, rows, written.size());
    }
}
