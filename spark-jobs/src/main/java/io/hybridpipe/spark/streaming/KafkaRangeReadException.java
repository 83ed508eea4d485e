package io.hybridpipe.spark.streaming;

import io.hybridpipe.spark.batch.KafkaRange;

/** A batch's offset range could not be read; the batch fails and its offsets stay uncommitted. */
public final class KafkaRangeReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KafkaRangeReadException(KafkaRange range, String group, String why, Throwable cause) {
        super("cannot read Kafka range " + range + " (consumer group " + group + "): " + why, cause);
    }
}
