package io.hybridpipe.spark.reconcile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.hybridpipe.spark.warehouse.WarehouseTable;

/**
 * The warehouse's tweet ids of a range through Spark's JDBC source: one read per hour (each a predicate on
 * {@code created_at}, the Redshift sort key), spread over the executors; nothing is collected to the driver.
 * The partition is computed by the warehouse from {@code created_at}, which holds UTC, with SQL that Redshift and
 * PostgreSQL share.
 */
public final class WarehouseIds {

    private WarehouseIds() {
    }

    public static Dataset<Row> read(SparkSession spark, ReconcileSettings settings, HourRange range) {
        WarehouseTable table = settings.warehouseTable();
        String query = "(SELECT 'dt=' || TO_CHAR(created_at, 'YYYY-MM-DD') || '/hr=' || TO_CHAR(created_at, 'HH24')"
                + " AS partition, id, created_at FROM " + table.qualified() + ") hp_ids";
        return spark.read().jdbc(settings.warehouseJdbcUrl(), query, hourPredicates(range),
                settings.warehouseConnectionProperties()).select("partition", "id");
    }

    static String[] hourPredicates(HourRange range) {
        List<String> predicates = new ArrayList<>();
        for (Instant h = range.firstHour(); !h.isAfter(range.lastHour()); h = h.plus(1, ChronoUnit.HOURS)) {
            predicates.add("created_at >= TIMESTAMP '" + HourRange.sqlTimestamp(h) + "' AND created_at < TIMESTAMP '"
                    + HourRange.sqlTimestamp(h.plus(1, ChronoUnit.HOURS)) + "'");
        }
        return predicates.toArray(String[]::new);
    }
}
