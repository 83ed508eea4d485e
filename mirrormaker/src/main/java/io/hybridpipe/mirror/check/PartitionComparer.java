package io.hybridpipe.mirror.check;

import java.util.List;

import org.apache.kafka.common.TopicPartition;

/** Compares one source partition with its replica: offsets, counts, head and tail samples, lag. */
final class PartitionComparer {

    /** Records read at the source's newest end to find its newest timestamp (markers may hide the very last). */
    private static final int NEWEST_WINDOW = 5;

    private final PartitionReader source;
    private final PartitionReader target;
    private final CheckSettings settings;

    PartitionComparer(PartitionReader source, PartitionReader target, CheckSettings settings) {
        this.source = source;
        this.target = target;
        this.settings = settings;
    }

    PartitionResult targetTopicMissing(TopicPartition sourceTp, String targetTopic) {
        long start = source.startOffsets(List.of(sourceTp)).get(sourceTp);
        long end = source.endOffsets(List.of(sourceTp)).get(sourceTp);
        long records = settings.exactCount() ? source.count(sourceTp, start, end) : end - start;
        return new PartitionResult(sourceTp.topic(), targetTopic, sourceTp.partition(), start, end, records,
                -1, -1, 0, records, -1, 0, 0, true, List.of("target topic " + targetTopic + " does not exist"));
    }

    PartitionResult compare(TopicPartition sourceTp, TopicPartition targetTp) {
        long sourceStart = source.startOffsets(List.of(sourceTp)).get(sourceTp);
        long sourceEnd = source.endOffsets(List.of(sourceTp)).get(sourceTp);
        long targetStart = target.startOffsets(List.of(targetTp)).get(targetTp);
        long targetEnd = target.endOffsets(List.of(targetTp)).get(targetTp);
        long sourceRecords = settings.exactCount() ? source.count(sourceTp, sourceStart, sourceEnd) : sourceEnd - sourceStart;
        long targetRecords = settings.exactCount() ? target.count(targetTp, targetStart, targetEnd) : targetEnd - targetStart;

        int n = settings.sampleSize();
        long slack = settings.toleranceRecords() + n;
        long replicated = Math.min(sourceRecords, targetRecords);

        // head: the target may keep records the source has already dropped (retention); skip about that many
        List<SampledRecord> sourceHead = source.read(sourceTp, sourceStart, sourceEnd, (int) Math.min(n, replicated));
        long targetSurplus = Math.max(0, targetRecords - sourceRecords);
        long targetHeadFrom = targetStart + Math.max(0, targetSurplus - slack);
        List<SampledRecord> targetHead = target.read(targetTp, targetHeadFrom, targetEnd,
                window(targetSurplus + n + 2 * slack));

        // tail: compare what should already be replicated, so that a tolerated lag does not fail the sample
        long sourceTailEnd = Math.min(sourceEnd, sourceStart + replicated);
        List<SampledRecord> sourceTail = source.read(sourceTp, Math.max(sourceStart, sourceTailEnd - n), sourceTailEnd, n);
        List<SampledRecord> targetTail = target.read(targetTp, Math.max(targetStart, targetEnd - 2 * (n + slack)),
                targetEnd, Integer.MAX_VALUE);

        SampleComparison sample = SampleComparison.of(sourceHead, targetHead).plus(SampleComparison.of(sourceTail, targetTail));
        long lagRecords = Math.max(0, sourceRecords - targetRecords);
        long lagMs = lagMs(sourceTp, sourceStart, sourceEnd, targetTail);
        List<String> problems = PartitionResult.problems(sourceRecords - targetRecords, settings.toleranceRecords(),
                sample.missing(), sample.orderOk(), lagMs, settings.maxLagMs());
        return new PartitionResult(sourceTp.topic(), targetTp.topic(), sourceTp.partition(),
                sourceStart, sourceEnd, sourceRecords, targetStart, targetEnd, targetRecords,
                lagRecords, lagMs, sourceHead.size() + sourceTail.size(), sample.missing(), sample.orderOk(), problems);
    }

    /** Event-time distance between the newest source record and the newest record on the target. */
    private long lagMs(TopicPartition sourceTp, long sourceStart, long sourceEnd, List<SampledRecord> targetTail) {
        List<SampledRecord> newest = source.read(sourceTp, Math.max(sourceStart, sourceEnd - NEWEST_WINDOW), sourceEnd,
                NEWEST_WINDOW);
        if (newest.isEmpty()) {
            return 0;
        }
        long sourceNewest = newest.get(newest.size() - 1).timestamp();
        if (targetTail.isEmpty()) {
            List<SampledRecord> oldest = source.read(sourceTp, sourceStart, sourceEnd, 1);
            return Math.max(0, sourceNewest - oldest.get(0).timestamp());
        }
        return Math.max(0, sourceNewest - targetTail.get(targetTail.size() - 1).timestamp());
    }

    private static int window(long records) {
        return (int) Math.min(Integer.MAX_VALUE, records);
    }
}
