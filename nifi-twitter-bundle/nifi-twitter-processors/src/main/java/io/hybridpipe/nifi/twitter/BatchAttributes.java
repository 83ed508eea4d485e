package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.ingest.IngestHeaders;
import io.hybridpipe.core.stream.TweetMessage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The attributes of a batch FlowFile, computed from its tweets. */
final class BatchAttributes {
    static final String MIME_TYPE_NDJSON = "application/x-ndjson";
    static final String TWEET_COUNT = "tweet.count";
    static final String FIRST_ID = "tweet.id.first";
    static final String LAST_ID = "tweet.id.last";
    static final String CREATED_AT_MIN = "tweet.created_at.min";
    static final String CREATED_AT_MAX = "tweet.created_at.max";
    static final String RATE_LIMIT_REMAINING = "twitter.rate-limit.remaining";
    static final String STREAM = "twitter.stream";

    private BatchAttributes() {
    }

    static Map<String, String> of(List<TweetMessage> batch, String stream, Long rateLimitRemaining, Instant emittedAt) {
        Map<String, String> attributes = new HashMap<>();
        TweetMessage first = batch.get(0);
        TweetMessage last = batch.get(batch.size() - 1);
        attributes.put("mime.type", MIME_TYPE_NDJSON);
        attributes.put("filename", "tweets-" + first.id() + "-" + last.id() + "-" + batch.size() + ".ndjson");
        attributes.put(TWEET_COUNT, Integer.toString(batch.size()));
        attributes.put(FIRST_ID, first.id());
        attributes.put(LAST_ID, last.id());
        attributes.put(STREAM, stream);
        attributes.put(IngestHeaders.INGESTED_AT, IngestHeaders.encodeIngestedAt(emittedAt));

        Set<String> tags = new LinkedHashSet<>();
        String minCreatedAt = null;
        Instant min = null;
        String maxCreatedAt = null;
        Instant max = null;
        for (TweetMessage tweet : batch) {
            tags.addAll(tweet.ruleTags());
            Instant createdAt = parse(tweet.createdAt());
            if (createdAt != null) {
                if (min == null || createdAt.isBefore(min)) {
                    min = createdAt;
                    minCreatedAt = tweet.createdAt();
                }
                if (max == null || createdAt.isAfter(max)) {
                    max = createdAt;
                    maxCreatedAt = tweet.createdAt();
                }
            }
        }
        attributes.put(IngestHeaders.RULE_TAGS, IngestHeaders.encodeRuleTags(List.copyOf(tags)));
        if (minCreatedAt != null) {
            attributes.put(CREATED_AT_MIN, minCreatedAt);
            attributes.put(CREATED_AT_MAX, maxCreatedAt);
        }
        if (rateLimitRemaining != null) {
            attributes.put(RATE_LIMIT_REMAINING, rateLimitRemaining.toString());
        }
        return attributes;
    }

    private static Instant parse(String createdAt) {
        if (createdAt == null) {
            return null;
        }
        try {
            return Instant.parse(createdAt);
        } catch (DateTimeParseException e) {
            // a created_at X did not format as ISO-8601 does not take part in the range; the tweet itself is kept
            return null;
        }
    }
}
