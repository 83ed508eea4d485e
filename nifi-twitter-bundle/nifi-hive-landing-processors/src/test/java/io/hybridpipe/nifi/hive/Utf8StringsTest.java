package io.hybridpipe.nifi.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetAvro;
import io.hybridpipe.core.tweet.TweetNormalizer;

class Utf8StringsTest {

    @Test
    @SuppressWarnings("unchecked")
    void stringsBecomeUtf8WithTheSameTextAndTheTweetsListsStayUntouched() throws Exception {
        Instant now = Instant.parse("2026-11-28T07:00:00Z");
        CanonicalTweet tweet = new TweetNormalizer().normalize(TestTweets.tweet("123", now, "héllo wörld ✓"), now);
        List<String> tags = tweet.matchingRuleTags();

        GenericRecord record = Utf8Strings.inPlace(TweetAvro.toRecord(tweet));

        assertThat(record.get("text")).isInstanceOf(Utf8.class).hasToString("héllo wörld ✓");
        assertThat(record.get("id")).isInstanceOf(Utf8.class).hasToString("123");
        assertThat(record.get("author_username")).isInstanceOf(Utf8.class).hasToString("landing_test");
        assertThat((List<Object>) record.get("matching_rule_tags")).containsExactly(new Utf8("test"));
        assertThat(tweet.matchingRuleTags()).isSameAs(tags).containsExactly("test");
        assertThat(record.get("retweet_count")).isEqualTo(tweet.retweetCount());
        assertThat(record.get("in_reply_to_user_id")).isNull();
    }
}
