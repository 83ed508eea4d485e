package io.hybridpipe.spark.reconcile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hive.jdbc.HiveDriver;

import io.hybridpipe.core.ddl.DdlGenerator;
import io.hybridpipe.core.ddl.SqlDialect;
import io.hybridpipe.core.partition.FileNames;
import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.InvalidTweetException;
import io.hybridpipe.core.tweet.TweetNormalizer;
import io.hybridpipe.spark.writer.ParquetTweetFormat;

/**
 * Lands tweets in the raw layer the way PutHiveLanding does: canonical records as Parquet in
 * {@code <location>/dt=YYYY-MM-DD/hr=HH/tweets-<content sha256>-00000.parquet}, the external table from
 * {@code DdlGenerator}'s Hive DDL, partitions added with their folder as location.
 */
final class RawLayerLander {

    static final String TABLE = "tweets_raw";
    static final Instant INGESTED_AT = Instant.parse("2026-11-28T09:30:00Z");

    private final Configuration conf;
    private final String location;

    RawLayerLander(Configuration conf, String location) {
        this.conf = conf;
        this.location = location;
    }

    /** Normalises the messages and writes one file per partition; returns the canonical tweets by partition. */
    Map<PartitionPath, List<CanonicalTweet>> land(List<String> messages) throws IOException, InvalidTweetException {
        TweetNormalizer normalizer = new TweetNormalizer();
        Map<PartitionPath, List<CanonicalTweet>> byPartition = new TreeMap<>(ReconcileReport.PARTITION_ORDER);
        for (String m : messages) {
            CanonicalTweet t = normalizer.normalize(m, INGESTED_AT);
            byPartition.computeIfAbsent(PartitionPath.of(t.createdAt()), p -> new ArrayList<>()).add(t);
        }
        for (Map.Entry<PartitionPath, List<CanonicalTweet>> e : byPartition.entrySet()) {
            StringBuilder ids = new StringBuilder();
            e.getValue().forEach(t -> ids.append(t.id()).append('\n'));
            String name = FileNames.forContent("tweets", FileNames.sha256(ids.toString().getBytes(StandardCharsets.UTF_8)),
                    0, "parquet");
            new ParquetTweetFormat().write(conf, new Path(location + "/" + e.getKey().path() + "/" + name), e.getValue(),
                    () -> { });
        }
        return byPartition;
    }

    static void register(String jdbcUrl, String location, Collection<PartitionPath> partitions) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "nifi");
        try (Connection c = new HiveDriver().connect(jdbcUrl, props); Statement st = c.createStatement()) {
            st.execute(DdlGenerator.createTable(SqlDialect.HIVE, "default", TABLE, Optional.of(location)));
            for (PartitionPath p : partitions) {
                st.execute("ALTER TABLE `default`.`" + TABLE + "` ADD IF NOT EXISTS PARTITION (" + p.hiveSpec()
                        + ") LOCATION '" + location + "/" + p.path() + "'");
            }
        }
    }
}
