package io.hybridpipe.local.observe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmittedIdsFollowerTest {

    @Test
    void countsDistinctIdsReadingOnlyWhatWasWrittenSinceTheLastCall() {
        List<Integer> askedFrom = new ArrayList<>();
        ListedEmittedTweets log = new ListedEmittedTweets() {
            @Override
            public synchronized List<String> sentIdsFrom(int index) {
                askedFrom.add(index);
                return super.sentIdsFrom(index);
            }
        };
        EmittedIdsFollower follower = new EmittedIdsFollower(log);

        assertThat(follower.distinct()).isZero();
        log.sent(List.of("1862000000000000001", "1862000000000000002", "1862000000000000003"));
        assertThat(follower.distinct()).isEqualTo(3);
        // a tweet written again after a reconnect is one more write, not one more tweet
        log.sent(List.of("1862000000000000003", "1862000000000000004"));
        assertThat(follower.distinct()).isEqualTo(4);
        assertThat(follower.distinct()).isEqualTo(4);

        assertThat(askedFrom).containsExactly(0, 0, 3, 5);
    }
}
