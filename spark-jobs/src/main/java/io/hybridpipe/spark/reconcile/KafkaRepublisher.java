package io.hybridpipe.spark.reconcile;

import static org.apache.spark.sql.functions.collect_list;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.hybridpipe.core.ingest.IngestHeaders;
import io.hybridpipe.core.tweet.CanonicalTweet;

/**
 * {@code --repair} to Kafka: the raw payload of every missing tweet goes back into the on-prem topic, keyed by its
 * id, with the ingest headers and {@link RepairHeaders#REPAIR}, from the executors (one idempotent producer per
 * partition folder, {@code acks=all}). From there MirrorMaker 2 and the streaming job carry it to S3 and the
 * warehouse, whose MERGE on id makes a repeat harmless.
 */
public final class KafkaRepublisher implements Function<Row, Long>, Serializable {

    private static final long serialVersionUID = 1L;

    private final RawTweets raw;
    private final String topic;
    private final Map<String, Object> producerConfig;
    private final String runId;

    public KafkaRepublisher(RawTweets raw, ReconcileSettings settings, String runId) {
        this.raw = raw;
        this.topic = settings.onpremTopic();
        this.runId = runId;
        Map<String, Object> config = new HashMap<>(settings.producerExtras());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.onpremBootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producerConfig = config;
    }

    /** @param missing {@link IdComparison#missing()} */
    public long publish(Dataset<Row> missing) {
        return missing.groupBy("partition").agg(collect_list("id").as("ids"))
                .javaRDD().map(this).fold(0L, Long::sum);
    }

    /** One partition folder: {@code partition, ids}; returns the number of tweets published. */
    @Override
    public Long call(Row group) {
        String partition = group.getString(0);
        List<String> ids = group.getList(1);
        AtomicReference<Exception> failed = new AtomicReference<>();
        long published;
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            published = raw.forEach(partition, new HashSet<>(ids), tweet -> producer.send(record(tweet), (meta, error) -> {
                if (error != null) {
                    failed.compareAndSet(null, error);
                }
            }));
            producer.flush();
        }
        if (failed.get() != null) {
            throw new KafkaException("re-publishing the missing tweets of " + partition + " to " + topic + " failed: "
                    + failed.get().getMessage(), failed.get());
        }
        return published;
    }

    private ProducerRecord<byte[], byte[]> record(CanonicalTweet tweet) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, utf8(tweet.id()), utf8(tweet.payload()));
        r.headers().add(IngestHeaders.INGESTED_AT, utf8(IngestHeaders.encodeIngestedAt(tweet.ingestedAt())));
        r.headers().add(IngestHeaders.RULE_TAGS, utf8(IngestHeaders.encodeRuleTags(tweet.matchingRuleTags())));
        r.headers().add(RepairHeaders.REPAIR, utf8(runId));
        return r;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
