package io.hybridpipe.local.observe;

import java.util.List;

/** What the X API emulator wrote to sockets (the orchestrator adapts {@code XApiEmulator#distinctSentTweetIds} etc.). */
public interface EmittedTweets {

    /** Every tweet id written to a stream connection at least once. */
    List<String> distinctSentIds();

    /**
     * Ids written to stream connections from the {@code index}-th write on (0 is the first), in write order, repeats
     * included: lets the observer follow what is emitted without copying every id each time.
     */
    List<String> sentIdsFrom(int index);

    /**
     * Tweets in a write that failed as a stream connection dropped: the client may have read any of them, or none. A
     * stage may hold each at most once; one that reached Kafka onprem must reach every later stage too.
     */
    List<String> possiblySentIds();

    /** Tweets written, counting repeats (a tweet re-sent after a reconnect counts again). */
    long sentCount();
}
