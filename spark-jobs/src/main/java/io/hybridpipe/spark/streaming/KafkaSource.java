package io.hybridpipe.spark.streaming;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.hybridpipe.core.ingest.IngestHeaders;
import io.hybridpipe.spark.batch.SourceRecord;
import io.hybridpipe.spark.config.JobSettings;

/** The Kafka side of the jobs: consumer settings of the {@code aws} cluster and record conversion. */
public final class KafkaSource {

    /** MirrorMaker 2's default replication policy names the mirrored topic {@code <source alias>.<topic>}. */
    public static final String DEFAULT_TOPIC = "onprem.tweets";

    private KafkaSource() {
    }

    public static List<String> topics(JobSettings settings) {
        return List.of(settings.get("hybridpipe.kafka.topic", DEFAULT_TOPIC).split("\\s*,\\s*"));
    }

    /**
     * Consumer properties: no auto commit (offsets are committed after the warehouse load), read only
     * committed transactions (MirrorMaker 2 in exactly-once mode writes transactionally), and any
     * {@code hybridpipe.kafka.consumer.*} extras (TLS, SASL).
     */
    public static Map<String, Object> consumerParams(JobSettings settings) {
        Map<String, Object> params = new HashMap<>(settings.withPrefix("hybridpipe.kafka.consumer."));
        params.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.required("hybridpipe.kafka.bootstrap.servers"));
        params.put(ConsumerConfig.GROUP_ID_CONFIG, settings.get("hybridpipe.kafka.group.id", "hybridpipe-spark"));
        params.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        params.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        params.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        params.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.get("hybridpipe.kafka.auto.offset.reset", "earliest"));
        params.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return params;
    }

    public static SourceRecord toSource(ConsumerRecord<byte[], byte[]> r) {
        Header ingested = r.headers().lastHeader(IngestHeaders.INGESTED_AT);
        return new SourceRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.value(),
                ingested == null ? null : new String(ingested.value(), StandardCharsets.UTF_8));
    }
}
