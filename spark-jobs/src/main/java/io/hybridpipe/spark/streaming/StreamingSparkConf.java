package io.hybridpipe.spark.streaming;

import org.apache.spark.SparkConf;

import io.hybridpipe.spark.config.JobSettings;

/** Spark settings the jobs rely on; an explicit {@code --conf} still wins. */
public final class StreamingSparkConf {

    private StreamingSparkConf() {
    }

    public static SparkConf withJobDefaults(SparkConf conf, JobSettings settings) {
        conf.setIfMissing("spark.streaming.backpressure.enabled", "true");
        // Forced off, whatever --conf says. The offset gaps that transaction markers leave (MirrorMaker 2 in
        // exactly-once mode) are handled by TopicPartitionReader; with this on, the direct stream counts every batch
        // by reading it from Kafka while generating it (KafkaRDD.count), which reads each batch twice and never ends
        // for a range whose last offset is a marker.
        conf.set("spark.streaming.kafka.allowNonConsecutiveOffsets", "false");
        // SIGTERM (YARN/Kubernetes stopping the driver) finishes the batch in flight first
        conf.setIfMissing("spark.streaming.stopGracefullyOnShutdown", "true");
        conf.setIfMissing("spark.streaming.kafka.maxRatePerPartition",
                settings.get("hybridpipe.kafka.max-rate-per-partition", "20000"));
        return conf;
    }

    /** How long a Kafka read may make no progress before its batch fails: Spark's own setting and default. */
    public static long kafkaPollMillis(SparkConf conf) {
        return conf.getLong("spark.streaming.kafka.consumer.poll.ms",
                conf.getTimeAsSeconds("spark.network.timeout", "120s") * 1000L);
    }
}
