package io.hybridpipe.spark.reconcile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

import scala.collection.JavaConverters;
import scala.collection.immutable.Seq;

/**
 * Raw ids against the cloud's, by {@code (partition, id)}: each side is counted per id, the sides are joined with a
 * full outer join, and the per-partition figures are aggregated on the executors. The driver receives one row per
 * partition and at most {@code sampleSize} ids per partition and kind of difference.
 */
public final class IdComparison implements AutoCloseable {

    /** Kinds of difference, as named in the reports. */
    public static final String MISSING_IN_S3 = "missing_in_s3";
    public static final String MISSING_IN_WAREHOUSE = "missing_in_warehouse";
    public static final String NOT_IN_RAW = "not_in_raw";
    public static final String DUPLICATED_IN_S3 = "duplicated_in_s3";
    public static final String DUPLICATED_IN_WAREHOUSE = "duplicated_in_warehouse";

    private static final Seq<String> KEY = JavaConverters.asScalaBuffer(List.of("partition", "id")).toList();

    private final Dataset<Row> joined;
    private final boolean s3;
    private final boolean warehouse;

    /** Each input has the columns {@code partition, id} ({@link ParquetIds#SCHEMA}). */
    public IdComparison(Dataset<Row> raw, Optional<Dataset<Row>> s3Ids, Optional<Dataset<Row>> warehouseIds) {
        this.s3 = s3Ids.isPresent();
        this.warehouse = warehouseIds.isPresent();
        Dataset<Row> all = perId(raw, "raw_n");
        if (s3) {
            all = all.join(perId(s3Ids.get(), "s3_n"), KEY, "full_outer");
        }
        if (warehouse) {
            all = all.join(perId(warehouseIds.get(), "wh_n"), KEY, "full_outer");
        }
        this.joined = all.persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static Dataset<Row> perId(Dataset<Row> ids, String countColumn) {
        return ids.groupBy("partition", "id").agg(count(lit(1)).as(countColumn));
    }

    /** Per partition: {@code raw, s3, warehouse} (distinct ids) and one count per kind of difference. */
    public List<Row> countsPerPartition() {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count(col("raw_n")).as("raw"));
        aggregates.add(s3 ? count(col("s3_n")).as("s3") : lit(null).cast("long").as("s3"));
        aggregates.add(warehouse ? count(col("wh_n")).as("warehouse") : lit(null).cast("long").as("warehouse"));
        for (Map.Entry<String, Column> kind : kinds().entrySet()) {
            aggregates.add(sum(when(kind.getValue(), 1L).otherwise(0L)).as(kind.getKey()));
        }
        return joined.groupBy("partition")
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .orderBy("partition").collectAsList();
    }

    /** Up to {@code sampleSize} ids per partition and kind, smallest ids first: rows of {@code partition, kind, id}. */
    public List<Row> samples(int sampleSize) {
        Dataset<Row> differences = null;
        for (Map.Entry<String, Column> kind : kinds().entrySet()) {
            Dataset<Row> one = joined.filter(kind.getValue()).select(col("partition"), lit(kind.getKey()).as("kind"), col("id"));
            differences = differences == null ? one : differences.unionAll(one);
        }
        return differences
                .withColumn("rn", row_number().over(Window.partitionBy("partition", "kind").orderBy("id")))
                .filter(col("rn").leq(sampleSize)).drop("rn")
                .orderBy("partition", "kind", "id").collectAsList();
    }

    /**
     * Raw tweets missing from a compared cloud side: {@code partition, id, missing_in_s3}. Stays distributed; a
     * repair reads the raw payloads of exactly these ids.
     */
    public Dataset<Row> missing() {
        Column inS3 = s3 ? col("s3_n").isNull() : lit(false);
        Column inWarehouse = warehouse ? col("wh_n").isNull() : lit(false);
        return joined.filter(col("raw_n").isNotNull().and(inS3.or(inWarehouse)))
                .select(col("partition"), col("id"), inS3.as(MISSING_IN_S3));
    }

    private Map<String, Column> kinds() {
        Map<String, Column> kinds = new LinkedHashMap<>();
        Column inRaw = col("raw_n").isNotNull();
        if (s3) {
            kinds.put(MISSING_IN_S3, inRaw.and(col("s3_n").isNull()));
        }
        if (warehouse) {
            kinds.put(MISSING_IN_WAREHOUSE, inRaw.and(col("wh_n").isNull()));
        }
        kinds.put(NOT_IN_RAW, col("raw_n").isNull());
        if (s3) {
            kinds.put(DUPLICATED_IN_S3, col("s3_n").gt(1));
        }
        if (warehouse) {
            kinds.put(DUPLICATED_IN_WAREHOUSE, col("wh_n").gt(1));
        }
        return kinds;
    }

    @Override
    public void close() {
        joined.unpersist();
    }
}
