package io.hybridpipe.spark.streaming;

import org.apache.spark.SparkConf;

import io.hybridpipe.spark.config.JobSettings;

/** Spark settings the jobs rely on; an explicit {@code --conf} still wins. */
public final class StreamingSparkConf {

    private StreamingSparkConf() {
    }

    public static SparkConf withJobDefaults(SparkConf conf, JobSettings settings) {
        conf.setIfMissing("spark.streaming.backpressure.enabled", "true");
        // MirrorMaker 2 in exactly-once mode writes transactions: their markers leave gaps in the offsets
        conf.setIfMissing("spark.streaming.kafka.allowNonConsecutiveOffsets", "true");
        // SIGTERM (YARN/Kubernetes stopping the driver) finishes the batch in flight first
        conf.setIfMissing("spark.streaming.stopGracefullyOnShutdown", "true");
        conf.setIfMissing("spark.streaming.kafka.maxRatePerPartition",
                settings.get("hybridpipe.kafka.max-rate-per-partition", "20000"));
        return conf;
    }
}
