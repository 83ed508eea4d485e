package io.hybridpipe.embedded.x;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids of posts actually written to a socket, in write order, once per write; and apart from them the posts that
 * were possibly sent: in a write that failed as the connection dropped, so any of them may have reached the client.
 */
final class SentTweetLog {

    private final boolean keepIds;
    private final List<String> ids = new ArrayList<>();
    private final Set<String> possiblySent = new LinkedHashSet<>();
    private long count;
    private long possiblySentCount;

    SentTweetLog(boolean keepIds) {
        this.keepIds = keepIds;
    }

    synchronized void addAll(List<String> written) {
        count += written.size();
        if (keepIds) {
            ids.addAll(written);
        }
    }

    /** Posts in a write that failed: neither surely delivered nor surely lost. */
    synchronized void addPossiblySent(List<String> inFailedWrite) {
        possiblySentCount += inFailedWrite.size();
        if (keepIds) {
            possiblySent.addAll(inFailedWrite);
        }
    }

    synchronized long possiblySentCount() {
        return possiblySentCount;
    }

    synchronized List<String> possiblySentIds() {
        requireKept();
        return List.copyOf(possiblySent);
    }

    synchronized long count() {
        return count;
    }

    synchronized List<String> ids() {
        requireKept();
        return List.copyOf(ids);
    }

    synchronized List<String> idsFrom(int index) {
        requireKept();
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
        return List.copyOf(ids.subList(Math.min(index, ids.size()), ids.size()));
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
