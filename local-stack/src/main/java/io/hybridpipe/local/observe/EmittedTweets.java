package io.hybridpipe.local.observe;

import java.util.List;

/** What the X API emulator wrote to sockets (the orchestrator adapts {@code XApiEmulator#distinctSentTweetIds} etc.). */
public interface EmittedTweets {

    /** Every tweet id written to a stream connection at least once. */
    List<String> distinctSentIds();

    /** Tweets written, counting repeats (a tweet re-sent after a reconnect counts again). */
    long sentCount();
}
