package io.hybridpipe.local.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.hybridpipe.embedded.nifi.FlowFileData;
import io.hybridpipe.embedded.nifi.FlowFileFolderTail;

/**
 * Plays PublishKafka_2_6 of twitter-to-kafka.json, which the local engine cannot load: takes what the flow's swapped
 * publisher port emits and produces it to Kafka {@code onprem} exactly as the processor is configured to — one record
 * per FlowFile, key = the {@code tweet.id} attribute (UTF-8), attributes matching {@code hybridpipe\..*} as headers,
 * acks=all, idempotent. The engine's output bundles are deleted only after Kafka acknowledged them, so nothing is lost; the
 * idempotent producer's own retries ride out a broker restart without duplicates.
 */
final class TwitterToKafkaBridge implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TwitterToKafkaBridge.class);

    static final String PORT = "kafka";
    private static final Pattern HEADER_ATTRIBUTES = Pattern.compile("hybridpipe\\..*");
    private static final int BATCH = 2_000;
    private static final long IDLE_MILLIS = 20;

    private final FlowFileFolderTail tail;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicLong produced = new AtomicLong();
    private volatile boolean stopping;
    private volatile Throwable failure;

    TwitterToKafkaBridge(Path flowOutput, String bootstrapServers, String topic) {
        this.tail = new FlowFileFolderTail(flowOutput);
        this.topic = topic;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // a broker restart must be ridden out by the producer's own (idempotent) retries, never by a re-send of ours
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(10 * 60 * 1000));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "hybridpipe-twitter-to-kafka");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void run() {
        try {
            while (true) {
                int forwarded = forwardAvailable();
                if (forwarded == 0) {
                    if (stopping) {
                        return;
                    }
                    Thread.sleep(IDLE_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            failure = e;
            LOG.error("The twitter-to-kafka bridge stopped working", e);
            System.err.println("hybridpipe: the twitter-to-kafka bridge stopped working: " + e + " (details in the hybridpipe log)");
        } finally {
            producer.close();
        }
    }

    /** After the flow's engine has stopped: forward what is left, then end. */
    void finish() {
        stopping = true;
    }

    long produced() {
        return produced.get();
    }

    /** Why the bridge stopped working, if it did. */
    Throwable failure() {
        return failure;
    }

    private int forwardAvailable() throws IOException, InterruptedException, ExecutionException {
        List<FlowFileData> flowFiles = tail.take(BATCH);
        if (flowFiles.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(flowFiles.size());
        for (FlowFileData flowFile : flowFiles) {
            acks.add(producer.send(toRecord(flowFile)));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(); // throws if Kafka did not take the record within the delivery timeout
        }
        tail.release();
        produced.addAndGet(flowFiles.size());
        return flowFiles.size();
    }

    private ProducerRecord<byte[], byte[]> toRecord(FlowFileData flowFile) {
        if (!PORT.equals(flowFile.port())) {
            throw new IllegalStateException("twitter-to-kafka emitted a FlowFile on unexpected port " + flowFile.port());
        }
        String id = flowFile.attribute("tweet.id");
        if (id == null || id.isBlank()) {
            // the flow routes tweets without an id to its errors folder; one reaching Kafka's port is a flow defect
            throw new IllegalStateException("A FlowFile reached the Kafka port without a tweet.id attribute: " + flowFile);
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8),
                flowFile.content());
        for (Map.Entry<String, String> attribute : flowFile.attributes().entrySet()) {
            if (HEADER_ATTRIBUTES.matcher(attribute.getKey()).matches()) {
                record.headers().add(new RecordHeader(attribute.getKey(), attribute.getValue().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return record;
    }
}
