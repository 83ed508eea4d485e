package io.hybridpipe.spark.batch;

import java.io.Serializable;
import java.time.Instant;

import io.hybridpipe.core.ingest.IngestHeaders;

/**
 * A Kafka record as the writer needs it, independent of the Spark API that read it.
 *
 * @param ingestedAtHeader the {@link IngestHeaders#INGESTED_AT} header, or null when the producer set none
 */
public record SourceRecord(String topic, int partition, long offset, long timestampMillis, byte[] value,
                           String ingestedAtHeader) implements Serializable {

    /** The ingest time stamped by NiFi, else the Kafka record timestamp: never "now", so a re-run writes the same bytes. */
    public Instant ingestedAt() {
        if (ingestedAtHeader != null) {
            try {
                return IngestHeaders.decodeIngestedAt(ingestedAtHeader);
            } catch (RuntimeException unreadable) {
                return Instant.ofEpochMilli(timestampMillis);
            }
        }
        return Instant.ofEpochMilli(timestampMillis);
    }
}
