package io.hybridpipe.mirror.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.MirrorClient;
import org.apache.kafka.connect.mirror.MirrorClientConfig;
import org.apache.kafka.connect.mirror.ReplicationPolicy;

/** Compares a consumer group's committed source offsets with MirrorMaker's checkpoint translation of them. */
final class GroupComparer {
    private final Admin sourceAdmin;
    private final PartitionReader sourceReader;
    private final PartitionReader targetReader;
    private final MirrorClientConfig target;
    private final String sourceAlias;
    private final ReplicationPolicy policy;
    private final CheckSettings settings;

    GroupComparer(Admin sourceAdmin, PartitionReader sourceReader, PartitionReader targetReader,
                  MirrorClientConfig target, String sourceAlias, ReplicationPolicy policy, CheckSettings settings) {
        this.sourceAdmin = sourceAdmin;
        this.sourceReader = sourceReader;
        this.targetReader = targetReader;
        this.target = target;
        this.sourceAlias = sourceAlias;
        this.policy = policy;
        this.settings = settings;
    }

    List<GroupResult> compare(String group, Set<TopicPartition> checked, List<String> problems)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = sourceAdmin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartition> sourceTps = committed.keySet().stream().filter(checked::contains)
                .sorted(Comparator.comparing(TopicPartition::toString)).toList();
        if (sourceTps.isEmpty()) {
            problems.add("group " + group + " has no committed offsets on " + sourceAlias + " for the checked topics");
            return List.of();
        }
        Map<TopicPartition, OffsetAndMetadata> translated;
        try (MirrorClient client = new MirrorClient(target)) {
            translated = client.remoteConsumerOffsets(group, sourceAlias, settings.timeout());
        }
        List<TopicPartition> targetTps = sourceTps.stream()
                .map(tp -> new TopicPartition(policy.formatRemoteTopic(sourceAlias, tp.topic()), tp.partition()))
                .toList();
        Map<TopicPartition, Long> sourceEnds = sourceReader.endOffsets(sourceTps);
        Map<TopicPartition, Long> targetEnds = targetReader.endOffsets(targetTps);
        List<GroupResult> results = new ArrayList<>();
        for (int i = 0; i < sourceTps.size(); i++) {
            TopicPartition sourceTp = sourceTps.get(i);
            TopicPartition targetTp = targetTps.get(i);
            long sourceCommitted = committed.get(sourceTp).offset();
            long sourceEnd = sourceEnds.get(sourceTp);
            long targetEnd = targetEnds.getOrDefault(targetTp, 0L);
            OffsetAndMetadata translation = translated.get(targetTp);
            List<String> groupProblems = new ArrayList<>();
            Long replay = null;
            Long translatedOffset = null;
            if (translation == null) {
                groupProblems.add("no checkpoint for " + targetTp + " yet");
            } else {
                translatedOffset = translation.offset();
                replay = (targetEnd - translatedOffset) - (sourceEnd - sourceCommitted);
                if (replay < 0) {
                    groupProblems.add("failing over would skip " + (-replay) + " records");
                } else if (settings.maxGroupReplay() >= 0 && replay > settings.maxGroupReplay()) {
                    groupProblems.add("failing over would re-read " + replay + " records > " + settings.maxGroupReplay());
                }
            }
            results.add(new GroupResult(group, sourceTp.topic(), targetTp.topic(), sourceTp.partition(),
                    sourceCommitted, sourceEnd, translatedOffset, targetEnd, replay, List.copyOf(groupProblems)));
        }
        return results;
    }
}
