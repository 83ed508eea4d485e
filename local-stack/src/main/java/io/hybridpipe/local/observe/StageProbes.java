package io.hybridpipe.local.observe;

import java.time.Duration;
import java.util.List;

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
                // no REFRESH TABLE first: the Thrift Server never caches file listings (embedded-hive turns that cache
                // off), so a query sees what a user's query would; a REFRESH cost each poll a Spark job of its own
                new JdbcTableProbe(Stage.HIVE, SqlConnector.hive(e.hiveJdbcUrl()), e.hiveTable(), latency, settings.clock()),
                new KafkaTopicProbe(Stage.KAFKA_AWS, e.awsBootstrapServers(), e.awsTopic(), latency,
                        settings.clock(), kafkaBudget),
                new JdbcTableProbe(Stage.WAREHOUSE,
                        SqlConnector.postgres(e.warehouseJdbcUrl(), e.warehouseUser(), e.warehousePassword()),
                        e.warehouseTable(), latency, settings.clock()));
    }
}
