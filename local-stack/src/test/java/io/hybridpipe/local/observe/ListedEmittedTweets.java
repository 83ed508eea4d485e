package io.hybridpipe.local.observe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The emitted tweets of a test that produces the stage contents itself: the ids it "emitted", in order. */
class ListedEmittedTweets implements EmittedTweets {

    private final List<String> sent = new ArrayList<>();
    private final List<String> possiblySent = new ArrayList<>();

    synchronized void sent(List<String> ids) {
        sent.addAll(ids);
    }

    @Override
    public synchronized List<String> distinctSentIds() {
        return List.copyOf(new LinkedHashSet<>(sent));
    }

    @Override
    public synchronized List<String> sentIdsFrom(int index) {
        return List.copyOf(sent.subList(Math.min(index, sent.size()), sent.size()));
    }

    /** Ids "in a write that failed": a stage may hold them once. */
    synchronized void possiblySent(List<String> ids) {
        possiblySent.addAll(ids);
    }

    @Override
    public synchronized List<String> possiblySentIds() {
        return List.copyOf(possiblySent);
    }

    @Override
    public synchronized long sentCount() {
        return sent.size();
    }
}
