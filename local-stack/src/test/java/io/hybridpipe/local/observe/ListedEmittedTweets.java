package io.hybridpipe.local.observe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The emitted tweets of a test that produces the stage contents itself: the ids it "emitted", in order. */
final class ListedEmittedTweets implements EmittedTweets {

    private final List<String> sent = new ArrayList<>();

    synchronized void sent(List<String> ids) {
        sent.addAll(ids);
    }

    @Override
    public synchronized List<String> distinctSentIds() {
        return List.copyOf(new LinkedHashSet<>(sent));
    }

    @Override
    public synchronized long sentCount() {
        return sent.size();
    }
}
