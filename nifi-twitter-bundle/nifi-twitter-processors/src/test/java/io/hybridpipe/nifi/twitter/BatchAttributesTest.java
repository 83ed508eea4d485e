package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.ingest.IngestHeaders;
import io.hybridpipe.core.stream.TweetMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BatchAttributesTest {

    private static TweetMessage tweet(String id, String createdAt, String... tags) {
        return new TweetMessage(id, createdAt, List.of(tags), ("{\"data\":{\"id\":\"" + id + "\"}}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rangeTagsAndRateLimitComeFromTheBatch() {
        Map<String, String> attributes = BatchAttributes.of(List.of(
                tweet("30", "2026-11-28T10:00:05.000Z", "cats"),
                tweet("10", "2026-11-28T09:59:59.000Z", "dogs", "cats"),
                tweet("20", null),
                tweet("40", "2026-11-28T10:00:01Z", "a,b")), "filtered", 42L, Instant.parse("2026-11-28T10:00:06Z"));

        assertThat(attributes).containsEntry(BatchAttributes.TWEET_COUNT, "4")
                .containsEntry(BatchAttributes.FIRST_ID, "30").containsEntry(BatchAttributes.LAST_ID, "40")
                .containsEntry(BatchAttributes.CREATED_AT_MIN, "2026-11-28T09:59:59.000Z")
                .containsEntry(BatchAttributes.CREATED_AT_MAX, "2026-11-28T10:00:05.000Z")
                .containsEntry(BatchAttributes.RATE_LIMIT_REMAINING, "42")
                .containsEntry(IngestHeaders.INGESTED_AT, "2026-11-28T10:00:06Z")
                .containsEntry("filename", "tweets-30-40-4.ndjson");
        assertThat(IngestHeaders.decodeRuleTags(attributes.get(IngestHeaders.RULE_TAGS))).containsExactly("cats", "dogs", "a,b");
    }

    @Test
    void noRateLimitHeaderAndNoCreatedAtLeaveTheirAttributesOut() {
        Map<String, String> attributes = BatchAttributes.of(List.of(tweet("1", null)), "sample", null, Instant.EPOCH);
        assertThat(attributes).doesNotContainKeys(BatchAttributes.RATE_LIMIT_REMAINING, BatchAttributes.CREATED_AT_MIN,
                BatchAttributes.CREATED_AT_MAX);
        assertThat(attributes.get(IngestHeaders.RULE_TAGS)).isEqualTo("[]");
    }
}
