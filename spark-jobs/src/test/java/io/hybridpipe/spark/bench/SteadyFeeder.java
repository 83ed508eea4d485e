package io.hybridpipe.spark.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLongArray;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.hybridpipe.core.ingest.IngestHeaders;

/**
 * Produces messages at a steady rate (in 10 ms ticks) on its own thread and remembers when each record was
 * handed to the producer, by partition and offset, so a benchmark can measure emitted -> in the warehouse.
 */
final class SteadyFeeder implements AutoCloseable {

    private static final long TICK_NANOS = 10_000_000L;

    private final String bootstrapServers;
    private final String topic;
    private final List<String> values;
    private final int perSecond;
    private final Map<Integer, AtomicLongArray> emittedNanos = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile long startNanos;

    SteadyFeeder(String bootstrapServers, String topic, int partitions, List<String> values, int perSecond) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.values = values;
        this.perSecond = perSecond;
        for (int p = 0; p < partitions; p++) {
            emittedNanos.put(p, new AtomicLongArray(values.size()));
        }
        this.thread = new Thread(this::feed, "steady-feeder-" + topic);
    }

    SteadyFeeder start() {
        startNanos = System.nanoTime();
        thread.start();
        return this;
    }

    long startNanos() {
        return startNanos;
    }

    /**
     * When the record at {@code offset} of {@code partition} was handed to the producer. A consumer can see a
     * record a moment before the producer's callback tells its offset, hence the short wait.
     */
    long emittedNanos(int partition, long offset) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (long t = emittedNanos.get(partition).get((int) offset); ; t = emittedNanos.get(partition).get((int) offset)) {
            if (t != 0) {
                return t;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no emit time for " + topic + "-" + partition + "@" + offset);
            }
            Thread.onSpinWait();
        }
    }

    private void feed() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5);
        byte[] ingestedAt = IngestHeaders.encodeIngestedAt(Instant.parse("2026-11-28T09:30:00Z"))
                .getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < values.size(); i++) {
                long due = startNanos + (long) i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > TICK_NANOS) {
                    Thread.sleep(wait / 1_000_000);
                }
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                        Integer.toString(i).getBytes(StandardCharsets.UTF_8), values.get(i).getBytes(StandardCharsets.UTF_8));
                record.headers().add(IngestHeaders.INGESTED_AT, ingestedAt);
                long emitted = System.nanoTime();
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        emittedNanos.get(metadata.partition()).set((int) metadata.offset(), emitted);
                    }
                });
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        }
    }

    void awaitSent() throws InterruptedException {
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException("the steady feed to " + topic + " failed", failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
