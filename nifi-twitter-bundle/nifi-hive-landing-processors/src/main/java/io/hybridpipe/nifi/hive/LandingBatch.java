package io.hybridpipe.nifi.hive;

import java.util.List;
import java.util.Map;

import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.core.tweet.CanonicalTweet;

/**
 * One FlowFile's content, read: its tweets grouped by partition (in input order), the lines that are not
 * tweets, and the SHA-256 of the whole content (the basis of the deterministic file names).
 */
record LandingBatch(Map<PartitionPath, List<CanonicalTweet>> tweetsByPartition, InvalidLines invalid,
                    byte[] contentSha256) {

    int tweetCount() {
        return tweetsByPartition.values().stream().mapToInt(List::size).sum();
    }
}
