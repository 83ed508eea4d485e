package io.hybridpipe.local.observe;

import java.time.Duration;
import java.util.List;

import org.apache.hadoop.conf.Configuration;

/** The probe of each stage, from where the stack says the stages are. */
final class StageProbes {

    private StageProbes() {
    }

    static List<StageProbe> open(StageEndpoints e, LatencyTracker latency, ObserverSettings settings) {
        // a Kafka probe may spend up to half a poll interval catching up, so one slow stage cannot stall the others
        Duration kafkaBudget = settings.pollInterval().dividedBy(2);
        return List.of(
                new KafkaTopicProbe(Stage.KAFKA_ONPREM, e.onpremBootstrapServers(), e.onpremTopic(), latency,
                        settings.clock(), kafkaBudget),
                hive(e, latency, settings),
                new KafkaTopicProbe(Stage.KAFKA_AWS, e.awsBootstrapServers(), e.awsTopic(), latency,
                        settings.clock(), kafkaBudget),
                new JdbcTableProbe(Stage.WAREHOUSE,
                        SqlConnector.postgres(e.warehouseJdbcUrl(), e.warehouseUser(), e.warehousePassword()),
                        e.warehouseTable(), latency, settings.clock()));
    }

    private static StageProbe hive(StageEndpoints e, LatencyTracker latency, ObserverSettings settings) {
        // one HiveServer2 session: opened at the first poll for the partition lookups, warm for the verification's read
        LazyConnection hive = new LazyConnection(SqlConnector.hive(e.hiveJdbcUrl()), Stage.HIVE.label());
        return new HiveFilesProbe(new PartitionedTableFiles(e.hiveLocation(), new Configuration()),
                new HivePartitions(hive, e.hiveTable()),
                new JdbcTableProbe(Stage.HIVE, hive, e.hiveTable(), latency, settings.clock()), latency, settings.clock());
    }
}
