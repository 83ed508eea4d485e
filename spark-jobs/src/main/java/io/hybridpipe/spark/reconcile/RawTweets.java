package io.hybridpipe.spark.reconcile;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetAvro;
import io.hybridpipe.spark.writer.HadoopConf;
import io.hybridpipe.spark.writer.ParquetTweetFormat;

/**
 * Executor side of a repair: the raw rows of given ids in one raw partition folder, each id once (the raw layer may
 * hold a tweet in two files when NiFi re-delivered it in another batch). Files are read in name order, so the first
 * copy found is the same on every run.
 */
public final class RawTweets implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String rawLocation;
    private final HadoopConf hadoopConf;

    public RawTweets(String rawLocation, HadoopConf hadoopConf) {
        this.rawLocation = rawLocation.endsWith("/") ? rawLocation.substring(0, rawLocation.length() - 1) : rawLocation;
        this.hadoopConf = hadoopConf;
    }

    /** @return how many of {@code ids} were found */
    public long forEach(String partition, Set<String> ids, Consumer<CanonicalTweet> action) {
        Configuration conf = hadoopConf.get();
        Path dir = new Path(rawLocation + "/" + partition);
        ParquetTweetFormat format = new ParquetTweetFormat();
        Set<String> seen = new HashSet<>();
        try {
            FileSystem fs = dir.getFileSystem(conf);
            FileStatus[] files = fs.listStatus(dir, p -> !p.getName().startsWith("_") && !p.getName().startsWith("."));
            Arrays.sort(files, Comparator.comparing(f -> f.getPath().getName()));
            for (FileStatus f : files) {
                if (seen.size() == ids.size()) {
                    break;
                }
                format.forEachRecord(conf, f.getPath(), r -> {
                    String id = r.get("id").toString();
                    if (ids.contains(id) && seen.add(id)) {
                        action.accept(TweetAvro.fromRecord(r));
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the raw tweets of " + dir, e);
        }
        return seen.size();
    }
}
