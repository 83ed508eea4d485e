package io.hybridpipe.mirror.check;

import java.util.List;

/**
 * A consumer group's committed offset on the source beside MirrorMaker's translation of it on the target.
 * {@code replay} is how many more records the group would read on the target than it had left on the
 * source: the duplicates a failover costs. Negative means records would be skipped.
 */
public record GroupResult(String group, String sourceTopic, String targetTopic, int partition,
                          long sourceCommitted, long sourceEndOffset, Long translatedOffset, long targetEndOffset,
                          Long replay, List<String> problems) {

    public boolean inSync() {
        return problems.isEmpty();
    }
}
