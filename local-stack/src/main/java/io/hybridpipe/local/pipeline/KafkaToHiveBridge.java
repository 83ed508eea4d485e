package io.hybridpipe.local.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.hybridpipe.embedded.nifi.RunningStatelessFlow;
import io.hybridpipe.embedded.nifi.StatelessFlowRunner;
import io.hybridpipe.embedded.nifi.StatelessRunResult;
import io.hybridpipe.local.stack.Directories;

/**
 * Plays ConsumeKafka_2_6 of kafka-to-hive.json, which the local engine cannot load: consumes {@code tweets} from Kafka
 * {@code onprem} and feeds the flow's swapped consumer port with what the processor would emit, one newline-demarcated
 * FlowFile per partition and poll. Each batch is one run of the engine; offsets are committed only after that run
 * succeeded, and a failed run is replayed with the very same bytes (PutHiveLanding names files by content hash, so
 * a replay overwrites instead of duplicating). Records already landed are never put in a second batch, even if a
 * rebalance after a broker restart hands them out again.
 */
final class KafkaToHiveBridge implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaToHiveBridge.class);

    static final String GROUP_ID = "hybridpipe-hive-landing";
    private static final int MAX_ATTEMPTS = 4;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration GATHER = Duration.ofSeconds(1);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final int maxRecords;
    private final java.util.function.Supplier<StatelessFlowRunner.Builder> flow;
    private final Map<TopicPartition, Long> landedUntil = new HashMap<>();
    private final AtomicLong landed = new AtomicLong();
    private final AtomicLong runs = new AtomicLong();
    private volatile boolean stopping;
    private volatile Throwable failure;
    private volatile KafkaException lastCommitFailure;

    KafkaToHiveBridge(String bootstrapServers, String topic, int maxRecords,
                      java.util.function.Supplier<StatelessFlowRunner.Builder> flow) {
        this.topic = topic;
        this.maxRecords = maxRecords;
        this.flow = flow;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxRecords));
        // a landing run may take minutes on a busy machine; the group must not evict us meanwhile
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Integer.toString(15 * 60 * 1000));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "hybridpipe-kafka-to-hive");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (!stopping) {
                Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> batch = nextBatch();
                if (!batch.isEmpty()) {
                    land(batch);
                }
            }
            finalCommit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            failure = e;
            LOG.error("The kafka-to-hive bridge stopped working", e);
            System.err.println("hybridpipe: the kafka-to-hive bridge stopped working: " + e + " (details in the hybridpipe log)");
        } finally {
            consumer.close();
        }
    }

    void stop() {
        stopping = true;
    }

    long landed() {
        return landed.get();
    }

    long runs() {
        return runs.get();
    }

    Throwable failure() {
        return failure;
    }

    /**
     * What has arrived, up to {@code maxRecords}: polls on for up to {@link #GATHER} after the first record, since
     * every batch costs an engine start and a tiny first batch would delay the next one by as much.
     */
    private Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> nextBatch() {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> batch = new LinkedHashMap<>();
        int count = 0;
        long gatherUntil = Long.MAX_VALUE;
        while (!stopping && count < maxRecords && System.nanoTime() < gatherUntil) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < landedUntil.getOrDefault(partition, 0L)) {
                    continue; // handed out again after a rebalance: already in Hive
                }
                batch.computeIfAbsent(partition, p -> new ArrayList<>()).add(record);
                count++;
            }
            if (count > 0 && gatherUntil == Long.MAX_VALUE) {
                gatherUntil = System.nanoTime() + GATHER.toNanos();
            }
            if (count == 0) {
                return batch;
            }
        }
        return batch;
    }

    private void land(Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> batch) throws IOException, InterruptedException {
        StatelessFlowRunner.Builder run = flow.get();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        int count = 0;
        for (Map.Entry<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> entry : batch.entrySet()) {
            List<ConsumerRecord<byte[], byte[]>> records = entry.getValue();
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (int i = 0; i < records.size(); i++) {
                if (i > 0) {
                    content.write('\n');
                }
                content.write(records.get(i).value());
            }
            long first = records.get(0).offset();
            long last = records.get(records.size() - 1).offset();
            run.input(NiFiFlows.KAFKA_TO_HIVE_PORT, content.toByteArray(), Map.of(
                    "kafka.topic", entry.getKey().topic(),
                    "kafka.partition", Integer.toString(entry.getKey().partition()),
                    "kafka.offset", Long.toString(first),
                    "kafka.count", Integer.toString(records.size())));
            commit.put(entry.getKey(), new OffsetAndMetadata(last + 1));
            count += records.size();
        }
        StatelessFlowRunner runner = run.build();
        StatelessRunResult result = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && (result == null || !result.succeeded()); attempt++) {
            result = runOnce(runner).orElse(null);
            runs.incrementAndGet();
        }
        if (result == null || !result.succeeded()) {
            throw new IllegalStateException("kafka-to-hive failed " + MAX_ATTEMPTS + " times on the same batch of " + count
                    + " records " + commit + (result == null ? ": the engine never got ready" : ": " + result.describeFailure()));
        }
        commit.forEach((partition, offset) -> landedUntil.put(partition, offset.offset()));
        commitLanded();
        landed.addAndGet(count);
        // a successful run's inputs are in Hive now; keep the disk from filling up with copies of them
        Directories.deleteRecursively(result.logFile().getParent());
    }

    /** One run of the engine over the batch; empty if the engine hung before its dataflow was ready (and was killed). */
    private Optional<StatelessRunResult> runOnce(StatelessFlowRunner runner) throws IOException, InterruptedException {
        try (RunningStatelessFlow running = runner.start()) {
            if (!EngineReadiness.awaitReady(running, READY_TIMEOUT) && running.isAlive()) {
                LOG.warn("kafka-to-hive's engine did not get ready within {}; killing it and running the batch again ({})",
                        READY_TIMEOUT, running.logFile());
                return Optional.empty();
            }
            return Optional.of(running.awaitResult(RUN_TIMEOUT));
        }
    }

    /**
     * Commits everything landed so far. A commit can fail while a broker restarts or after a rebalance; the batch is
     * in Hive all the same and {@code landedUntil} keeps it from being landed twice, so the next commit (which always
     * carries every partition landed so far) or the final one covers it.
     */
    private boolean commitLanded() {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        landedUntil.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
        try {
            consumer.commitSync(commit, Duration.ofSeconds(30));
            return true;
        } catch (KafkaException e) {
            lastCommitFailure = e;
            return false;
        }
    }

    private void finalCommit() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!landedUntil.isEmpty() && !commitLanded()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Cannot commit the landed offsets " + landedUntil, lastCommitFailure);
            }
            // only poll() rejoins the group after a rebalance; what it returns is not committed, so a later run lands it
            consumer.poll(Duration.ofMillis(200));
            Thread.sleep(500);
        }
    }

}
