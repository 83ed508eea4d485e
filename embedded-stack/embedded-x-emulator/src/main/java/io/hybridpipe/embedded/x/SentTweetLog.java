package io.hybridpipe.embedded.x;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The ids of posts actually written to a socket, in write order, once per write. */
final class SentTweetLog {

    private final boolean keepIds;
    private final List<String> ids = new ArrayList<>();
    private long count;

    SentTweetLog(boolean keepIds) {
        this.keepIds = keepIds;
    }

    synchronized void addAll(List<String> written) {
        count += written.size();
        if (keepIds) {
            ids.addAll(written);
        }
    }

    synchronized long count() {
        return count;
    }

    synchronized List<String> ids() {
        requireKept();
        return List.copyOf(ids);
    }

    synchronized List<String> distinctIds() {
        requireKept();
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    private void requireKept() {
        if (!keepIds) {
            throw new IllegalStateException("this emulator was built with recordSentTweetIds(false); use sentTweetCount()");
        }
    }
}
