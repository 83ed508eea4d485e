package io.hybridpipe.spark.reconcile;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;

import io.hybridpipe.core.partition.FileNames;
import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.spark.writer.HadoopConf;
import io.hybridpipe.spark.writer.ParquetTweetFormat;
import io.hybridpipe.spark.writer.WrittenFile;

/**
 * Executor side of a warehouse repair: the missing tweets of one partition become one Parquet file, rows in id
 * order, named from the range, the partition and the ids ({@code repair-<sha256>-00000.parquet}), so a re-run writes
 * the same bytes under the same name. Tweets missing from S3 go to their {@code dt=/hr=} folder (S3 is repaired too);
 * tweets S3 still holds go under {@code _repair/}, which S3 readers skip, so they are not doubled there.
 */
public final class RepairFileWriter implements Function<Row, WrittenFile>, Serializable {

    private static final long serialVersionUID = 1L;

    private final RawTweets raw;
    private final String storageBase;
    private final String rangeKey;
    private final HadoopConf hadoopConf;

    public RepairFileWriter(RawTweets raw, String storageBase, HourRange range, HadoopConf hadoopConf) {
        this.raw = raw;
        this.storageBase = storageBase.endsWith("/") ? storageBase.substring(0, storageBase.length() - 1) : storageBase;
        this.rangeKey = range.key();
        this.hadoopConf = hadoopConf;
    }

    /** @param group {@code partition, missing_in_s3, ids} (ids sorted) */
    @Override
    public WrittenFile call(Row group) {
        String partition = group.getString(0);
        boolean missingInS3 = group.getBoolean(1);
        List<String> ids = group.getList(2);
        List<CanonicalTweet> tweets = new ArrayList<>(ids.size());
        raw.forEach(partition, new HashSet<>(ids), tweets::add);
        tweets.sort(Comparator.comparing(CanonicalTweet::id));
        Path path = new Path(storageBase + (missingInS3 ? "/" : "/_repair/") + partition + "/" + name(partition, ids));
        try {
            long bytes = new ParquetTweetFormat().write(hadoopConf.get(), path, tweets, () -> { });
            return new WrittenFile(path.toString(), bytes, tweets.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the repair file " + path, e);
        }
    }

    private String name(String partition, List<String> sortedIds) {
        String content = rangeKey + "\n" + partition + "\n" + String.join("\n", sortedIds);
        return FileNames.forContent("repair", FileNames.sha256(content.getBytes(StandardCharsets.UTF_8)), 0, "parquet");
    }
}
