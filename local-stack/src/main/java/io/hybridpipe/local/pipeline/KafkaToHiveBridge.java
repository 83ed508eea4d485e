package io.hybridpipe.local.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.embedded.nifi.FedBatch;
import io.hybridpipe.embedded.nifi.FedBatchResult;
import io.hybridpipe.embedded.nifi.FlowFileData;
import io.hybridpipe.embedded.nifi.RunningStatelessFlow;
import io.hybridpipe.embedded.nifi.StatelessFlowRunner;

/**
 * Plays ConsumeKafka_2_6 of kafka-to-hive.json, which the local engine cannot load: consumes {@code tweets} from Kafka
 * {@code onprem} and feeds the flow's swapped consumer port with what the processor would emit, one newline-demarcated
 * FlowFile per partition and poll. One engine runs for the whole stack and is fed batch after batch; a batch's offsets
 * are committed only after the engine reported it landed, and a failed batch is fed again with the very same bytes,
 * to a fresh engine (PutHiveLanding names files by content hash, so a replay overwrites instead of duplicating). An
 * engine that ends or hangs is replaced the same way. Records already landed are never put in a second batch, even if
 * a rebalance after a broker restart hands them out again.
 */
final class KafkaToHiveBridge implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaToHiveBridge.class);

    static final String GROUP_ID = "hybridpipe-hive-landing";
    private static final int MAX_ATTEMPTS = 4;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration ENGINE_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration GATHER = Duration.ofSeconds(1);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final int maxRecords;
    private final StatelessFlowRunner engineRunner;
    // written by the bridge's thread only; read by killEngine() (chaos) from another
    private volatile RunningStatelessFlow engine;
    private boolean engineReady;
    private final Map<TopicPartition, Long> landedUntil = new HashMap<>();
    private final AtomicLong landed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong engineStarts = new AtomicLong();
    private volatile boolean stopping;
    private volatile Throwable failure;
    private volatile KafkaException lastCommitFailure;

    KafkaToHiveBridge(String bootstrapServers, String topic, int maxRecords, StatelessFlowRunner engineRunner) {
        this.topic = topic;
        this.maxRecords = maxRecords;
        this.engineRunner = engineRunner;
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
            long subscribed = System.nanoTime();
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    LOG.info("Partitions revoked: {}", partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    LOG.info("Partitions assigned {} ms after subscribing: {}", (System.nanoTime() - subscribed) / 1_000_000, partitions);
                }
            });
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
            stopEngine();
        }
    }

    void stop() {
        stopping = true;
    }

    /**
     * Kills the engine's JVM (SIGKILL), as a crash would: the bridge notices, starts a new engine and feeds it the
     * batch in flight again. For {@code --chaos}.
     */
    String killEngine() throws InterruptedException {
        RunningStatelessFlow running = engine;
        if (running == null) {
            return "no engine was running";
        }
        long pid = running.pid();
        running.close();
        return "pid " + pid + " killed (SIGKILL); the bridge starts a new engine and feeds it the batch in flight again";
    }

    /** For a bridge that never ran: stops its engine and closes its consumer. */
    void abandon() {
        consumer.close();
        stopEngine();
    }

    long landed() {
        return landed.get();
    }

    /** Batches fed to an engine, replays included. */
    long batches() {
        return batches.get();
    }

    long engineStarts() {
        return engineStarts.get();
    }

    Throwable failure() {
        return failure;
    }

    /**
     * What has arrived, up to {@code maxRecords}: polls on for up to {@link #GATHER} after the first record, so that a
     * trickle of records still makes Parquet files of a useful size.
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
        List<FlowFileData> flowFiles = new ArrayList<>();
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
            flowFiles.add(new FlowFileData(NiFiFlows.KAFKA_TO_HIVE_PORT, content.toByteArray(), Map.of(
                    "kafka.topic", entry.getKey().topic(),
                    "kafka.partition", Integer.toString(entry.getKey().partition()),
                    "kafka.offset", Long.toString(first),
                    "kafka.count", Integer.toString(records.size()))));
            commit.put(entry.getKey(), new OffsetAndMetadata(last + 1));
            count += records.size();
        }
        long start = System.nanoTime();
        Optional<FedBatchResult> result = Optional.empty();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !result.map(FedBatchResult::succeeded).orElse(false); attempt++) {
            result = landOnce(flowFiles);
            batches.incrementAndGet();
        }
        if (!result.map(FedBatchResult::succeeded).orElse(false)) {
            throw new IllegalStateException("kafka-to-hive failed " + MAX_ATTEMPTS + " times on the same batch of " + count
                    + " records " + commit + result.map(r -> ": " + r.describeFailure()).orElse(": the engine never ran it"));
        }
        commit.forEach((partition, offset) -> landedUntil.put(partition, offset.offset()));
        commitLanded();
        landed.addAndGet(count);
        LOG.info("Landed {} records up to offsets {} in {} ms", count, landedUntil, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Feeds the batch to the engine and waits for its outcome; empty if no engine got ready, or the engine ended or
     * hung on the batch (it is then killed). After a failed batch the engine is replaced too, so the replay does not
     * meet whatever state (a broken connection, a stuck writer) made it fail.
     */
    private Optional<FedBatchResult> landOnce(List<FlowFileData> flowFiles) throws IOException, InterruptedException {
        RunningStatelessFlow running = readyEngine();
        if (running == null) {
            return Optional.empty();
        }
        FedBatch fed = running.feed(flowFiles);
        Optional<FedBatchResult> result = fed.awaitResult(BATCH_TIMEOUT);
        if (result.isEmpty()) {
            LOG.warn("kafka-to-hive's engine {} batch {} within {}; replacing the engine and feeding the batch again ({})",
                    running.isAlive() ? "did not finish" : "ended before finishing", fed.number(), BATCH_TIMEOUT, running.logFile());
            closeEngine();
        } else if (!result.get().succeeded()) {
            LOG.warn("kafka-to-hive failed a batch; replacing the engine and feeding the batch again: {}", result.get().describeFailure());
            closeEngine();
        }
        fed.discard();
        return result;
    }

    private void startEngine() throws IOException {
        engine = engineRunner.start();
        engineReady = false;
        engineStarts.incrementAndGet();
    }

    /** Waits until the engine's dataflow is ready, replacing an engine that hangs or ends; call before {@link #run()}. */
    void awaitEngineReady() throws IOException, InterruptedException {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (readyEngine() != null) {
                return;
            }
        }
        throw new IllegalStateException("kafka-to-hive's engine did not get ready in " + MAX_ATTEMPTS + " attempts; see "
                + engineRunner);
    }

    /** The running engine once its dataflow is ready, starting a new one if needed; null if it did not get ready. */
    private RunningStatelessFlow readyEngine() throws IOException, InterruptedException {
        if (engine != null && engine.isAlive() && engineReady) {
            return engine;
        }
        if (engine == null || !engine.isAlive()) {
            closeEngine();
            startEngine();
        }
        if (!EngineReadiness.awaitReady(engine, READY_TIMEOUT)) {
            LOG.warn("kafka-to-hive's engine did not get ready within {}; killing it ({})", READY_TIMEOUT, engine.logFile());
            closeEngine();
            return null;
        }
        engineReady = true;
        return engine;
    }

    private void closeEngine() throws InterruptedException {
        if (engine != null) {
            engine.close();
            engine = null;
            engineReady = false;
        }
    }

    /** At the end: lets the engine end on its own (its summary is written), killing it only if it does not. */
    private void stopEngine() {
        if (engine == null) {
            return;
        }
        try {
            engine.requestStop();
            engine.awaitResult(ENGINE_STOP_TIMEOUT);
        } catch (IOException e) {
            LOG.warn("kafka-to-hive's engine did not stop cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                closeEngine();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
