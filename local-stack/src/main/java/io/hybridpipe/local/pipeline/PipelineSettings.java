package io.hybridpipe.local.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * How one run of the local pipeline is set up.
 *
 * @param workDir          where every engine and child JVM keeps its data and logs
 * @param xBearerToken     generated per run; reaches the emulator in-process and NiFi as a sensitive parameter only
 * @param warehouseSchema  the schema of {@code tweets} and {@code load_audit} in PostgreSQL
 * @param hiveBatchRecords at most this many Kafka records go into one kafka-to-hive run
 * @param sparkBatchInterval the Spark job's batch interval
 * @param sparkMinRate     the floor of the Spark job's backpressure rate (records/s)
 */
public record PipelineSettings(Path workDir, String xBearerToken, String warehouseSchema, int hiveBatchRecords,
                               Duration sparkBatchInterval, int sparkMinRate) {

    public static final String HIVE_TABLE = "tweets";
    public static final String WAREHOUSE_SCHEMA = "hybridpipe";

    public static PipelineSettings forRun(Path workDir, double rate) {
        return new PipelineSettings(workDir.toAbsolutePath(), "local-" + UUID.randomUUID(), WAREHOUSE_SCHEMA,
                (int) Math.max(10_000, Math.min(50_000, rate * 60)), Duration.ofSeconds(2), (int) Math.max(1_000, rate * 2));
    }

    @Override
    public String toString() {
        return "PipelineSettings[workDir=" + workDir + ", warehouseSchema=" + warehouseSchema + ", hiveBatchRecords="
                + hiveBatchRecords + ", sparkBatchInterval=" + sparkBatchInterval + ", sparkMinRate=" + sparkMinRate
                + ", xBearerToken=<hidden>]";
    }
}
