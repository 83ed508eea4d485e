package io.hybridpipe.spark.writer;

import java.io.Serializable;

import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.core.tweet.CanonicalTweet;

/** Which directory a tweet's row goes to (the Partitioner seam of kafka-connect-storage-common). */
@FunctionalInterface
public interface TweetPartitioner extends Serializable {

    /** {@code dt=/hr=} of the tweet's {@code created_at} in UTC, the layout shared with the HDFS raw layer. */
    TweetPartitioner CREATED_AT_HOUR = tweet -> PartitionPath.of(tweet.createdAt()).path();

    /** A relative directory path, no leading or trailing slash. */
    String directoryOf(CanonicalTweet tweet);
}
