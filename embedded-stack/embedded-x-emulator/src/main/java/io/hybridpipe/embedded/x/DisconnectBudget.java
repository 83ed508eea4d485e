package io.hybridpipe.embedded.x;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code disconnectAfterTweets(n)} fault: a one-shot count of posts that may still be written, across all
 * streams, before the stream that writes the last of them is cut abruptly.
 */
final class DisconnectBudget {

    /** What a writer must do with the post it is about to write. */
    enum Decision { WRITE, WRITE_THEN_CUT, CUT_NOW }

    private static final int DISARMED = -1;
    private final AtomicInteger remaining = new AtomicInteger(DISARMED);

    void arm(int tweets) {
        if (tweets < 0) {
            throw new IllegalArgumentException("tweets must be >= 0, was " + tweets);
        }
        remaining.set(tweets);
    }

    /** Consults the budget for one post; cheap when the fault is not armed. */
    Decision nextTweet() {
        while (true) {
            int left = remaining.get();
            if (left == DISARMED) {
                return Decision.WRITE;
            }
            if (left == 0) {
                if (remaining.compareAndSet(0, DISARMED)) {
                    return Decision.CUT_NOW;
                }
                continue;
            }
            if (remaining.compareAndSet(left, left - 1)) {
                if (left - 1 == 0) {
                    remaining.set(DISARMED);
                    return Decision.WRITE_THEN_CUT;
                }
                return Decision.WRITE;
            }
        }
    }
}
