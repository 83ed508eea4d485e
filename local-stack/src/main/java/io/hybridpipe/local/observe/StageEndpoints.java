package io.hybridpipe.local.observe;

import java.util.Objects;

/**
 * Where each stage of a running stack can be read. Passwords are never printed: {@link #toString()} masks them.
 *
 * @param onpremTopic    the on-prem topic, {@code tweets}
 * @param awsTopic       MirrorMaker 2's replica of it on the aws cluster, e.g. {@code onprem.tweets}
 * @param hiveJdbcUrl    e.g. {@code jdbc:hive2://127.0.0.1:PORT/default}
 * @param hiveLocation   the Hive table's location, e.g. {@code hdfs://127.0.0.1:PORT/data/raw/tweets}
 * @param warehouseTable schema-qualified, e.g. {@code hybridpipe.tweets}
 */
public record StageEndpoints(
        String onpremBootstrapServers, String onpremTopic,
        String awsBootstrapServers, String awsTopic,
        String hiveJdbcUrl, String hiveTable, String hiveLocation,
        String warehouseJdbcUrl, String warehouseUser, String warehousePassword,
        String warehouseTable) {

    public StageEndpoints {
        Objects.requireNonNull(onpremBootstrapServers, "onpremBootstrapServers");
        Objects.requireNonNull(onpremTopic, "onpremTopic");
        Objects.requireNonNull(awsBootstrapServers, "awsBootstrapServers");
        Objects.requireNonNull(awsTopic, "awsTopic");
        Objects.requireNonNull(hiveJdbcUrl, "hiveJdbcUrl");
        Objects.requireNonNull(hiveTable, "hiveTable");
        Objects.requireNonNull(hiveLocation, "hiveLocation");
        Objects.requireNonNull(warehouseJdbcUrl, "warehouseJdbcUrl");
        Objects.requireNonNull(warehouseUser, "warehouseUser");
        Objects.requireNonNull(warehouseTable, "warehouseTable");
    }

    @Override
    public String toString() {
        return "StageEndpoints[onprem=" + onpremBootstrapServers + "/" + onpremTopic
                + ", aws=" + awsBootstrapServers + "/" + awsTopic
                + ", hive=" + hiveJdbcUrl + " " + hiveTable + " at " + hiveLocation
                + ", warehouse=" + warehouseJdbcUrl + " " + warehouseTable
                + " as " + warehouseUser + " (password " + (warehousePassword == null ? "none" : "****") + ")]";
    }
}
