package io.hybridpipe.nifi.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hybridpipe.core.partition.PartitionPath;

/** Reading a FlowFile's content into partitions, without engines. */
class BatchReaderTest {

    private static final Instant INGESTED = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void groupsTweetsByThePartitionOfTheirCreatedAtInFirstSeenOrderKeepingInputOrder() throws Exception {
        // hours interleaved, across midnight and a month and year end, with and without milliseconds
        List<Instant> times = List.of(Instant.parse("2026-12-31T23:59:59.999Z"), Instant.parse("2027-01-01T00:00:00Z"),
                Instant.parse("2026-12-31T23:00:00Z"), Instant.parse("2027-01-01T00:30:00.500Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2026-12-31T22:59:59.999Z"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            lines.add(TestTweets.tweet(Integer.toString(i), times.get(i), "t" + i));
        }
        byte[] content = TestTweets.ndjson(lines);

        Map<PartitionPath, List<String>> actual = new LinkedHashMap<>();
        InvalidLines invalid = new BatchReader().read(new ByteArrayInputStream(content), INGESTED,
                (partition, tweet) -> actual.computeIfAbsent(partition, p -> new ArrayList<>()).add(tweet.id()));

        Map<PartitionPath, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < times.size(); i++) {
            expected.computeIfAbsent(PartitionPath.of(times.get(i)), p -> new ArrayList<>()).add(Integer.toString(i));
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
        assertThat(actual.keySet()).extracting(PartitionPath::path).containsExactly("dt=2026-12-31/hr=23",
                "dt=2027-01-01/hr=00", "dt=1970-01-01/hr=00", "dt=2026-12-31/hr=22");
        assertThat(invalid.count()).isZero();
        assertThat(BatchReader.contentSha256(new ByteArrayInputStream(content)))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void everyNonBlankLineIsARowOrAnInvalidLineWithItsNumber() throws Exception {
        String content = TestTweets.tweet("1", INGESTED, "a") + "\n\n \r\n{\"data\":{\"id\":\"2\"}}\nnot json\n"
                + TestTweets.tweet("3", INGESTED, "b") + "\n";

        List<String> ids = new ArrayList<>();
        InvalidLines invalid = new BatchReader().read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                INGESTED, (partition, tweet) -> ids.add(tweet.id()));

        assertThat(ids).containsExactly("1", "3");
        assertThat(invalid.count()).isEqualTo(2);
        assertThat(new String(invalid.toNdjson(), StandardCharsets.UTF_8))
                .contains("\"line_number\":4", "missing data.text", "\"line_number\":5", "malformed JSON");
    }
}
