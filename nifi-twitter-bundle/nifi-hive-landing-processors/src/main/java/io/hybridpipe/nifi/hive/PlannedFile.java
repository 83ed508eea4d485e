package io.hybridpipe.nifi.hive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hybridpipe.core.partition.FileNames;
import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.core.tweet.CanonicalTweet;

/** One Parquet file to land: its partition, its deterministic name and its rows. */
record PlannedFile(PartitionPath partition, String name, List<CanonicalTweet> rows) {

    static final String KIND = "tweets";
    static final String EXTENSION = "parquet";

    /**
     * Splits each partition's rows into files of at most {@code maxRowsPerFile} rows, named from the content
     * hash and the file's index within its partition: the same content and setting always give the same names.
     */
    static List<PlannedFile> plan(LandingBatch batch, int maxRowsPerFile) {
        List<PlannedFile> files = new ArrayList<>();
        for (Map.Entry<PartitionPath, List<CanonicalTweet>> e : batch.tweetsByPartition().entrySet()) {
            List<CanonicalTweet> rows = e.getValue();
            for (int from = 0, part = 0; from < rows.size(); from += maxRowsPerFile, part++) {
                List<CanonicalTweet> chunk = rows.subList(from, Math.min(rows.size(), from + maxRowsPerFile));
                files.add(new PlannedFile(e.getKey(),
                        FileNames.forContent(KIND, batch.contentSha256(), part, EXTENSION), chunk));
            }
        }
        return files;
    }
}
