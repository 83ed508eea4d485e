package io.hybridpipe.mirror.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.hybridpipe.mirror.Mm2Config;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.MirrorClientConfig;
import org.apache.kafka.connect.mirror.ReplicationPolicy;
import org.apache.kafka.connect.mirror.SourceAndTarget;

/**
 * Proves (or disproves) that the target cluster holds what the source holds for the replicated topics:
 * offsets and record counts per partition, a content sample at head and tail, replication lag, and the
 * checkpoint-translated offsets of named consumer groups.
 */
public final class MirrorCheck {

    private final Mm2Config config;
    private final CheckSettings settings;

    public MirrorCheck(Mm2Config config, CheckSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    public CheckReport run() throws InterruptedException {
        SourceAndTarget flow = config.flow();
        MirrorClientConfig source = config.clientConfig(flow.source());
        MirrorClientConfig target = config.clientConfig(flow.target());
        ReplicationPolicy policy = target.replicationPolicy();
        List<String> problems = new ArrayList<>();
        try (Admin sourceAdmin = Admin.create(withTimeout(source.adminConfig()));
             Admin targetAdmin = Admin.create(withTimeout(target.adminConfig()));
             PartitionReader sourceReader = new PartitionReader(source.consumerConfig(), settings.timeout());
             PartitionReader targetReader = new PartitionReader(target.consumerConfig(), settings.timeout())) {
            List<TopicPartition> sourcePartitions = sourcePartitions(sourceAdmin, policy);
            if (sourcePartitions.isEmpty()) {
                problems.add("no source topic matches " + settings.topics().pattern());
            }
            Set<String> targetTopics = targetAdmin.listTopics().names().get(timeoutMs(), TimeUnit.MILLISECONDS);
            PartitionComparer comparer = new PartitionComparer(sourceReader, targetReader, settings);
            List<PartitionResult> partitions = new ArrayList<>();
            for (TopicPartition tp : sourcePartitions) {
                String targetTopic = policy.formatRemoteTopic(flow.source(), tp.topic());
                partitions.add(targetTopics.contains(targetTopic)
                        ? comparer.compare(tp, new TopicPartition(targetTopic, tp.partition()))
                        : comparer.targetTopicMissing(tp, targetTopic));
            }
            List<GroupResult> groups = new ArrayList<>();
            for (String group : settings.groups()) {
                groups.addAll(new GroupComparer(sourceAdmin, sourceReader, targetReader, target, flow.source(), policy,
                        settings).compare(group, Set.copyOf(sourcePartitions), problems));
            }
            return new CheckReport(flow.source(), flow.target(), partitions, groups, problems);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("mirror-check could not read cluster metadata: " + e.getMessage(), e);
        }
    }

    private List<TopicPartition> sourcePartitions(Admin admin, ReplicationPolicy policy)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> topics = new TreeSet<>();
        for (String topic : admin.listTopics().names().get(timeoutMs(), TimeUnit.MILLISECONDS)) {
            if (settings.topics().matcher(topic).matches() && !isMirrorMakerOwn(topic, policy)) {
                topics.add(topic);
            }
        }
        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                .get(timeoutMs(), TimeUnit.MILLISECONDS);
        for (String topic : topics) {
            described.get(topic).partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    private static boolean isMirrorMakerOwn(String topic, ReplicationPolicy policy) {
        return policy.isInternalTopic(topic) || topic.startsWith("__") || topic.endsWith(".internal")
                || "heartbeats".equals(topic) || topic.endsWith(".heartbeats");
    }

    /** Calls (and closing the client) give up after --timeout instead of the clients' 60 s default. */
    private Map<String, Object> withTimeout(Map<String, Object> adminConfig) {
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs());
        return config;
    }

    private long timeoutMs() {
        return settings.timeout().toMillis();
    }
}
