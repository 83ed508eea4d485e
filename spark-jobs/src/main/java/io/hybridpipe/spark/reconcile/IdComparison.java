package io.hybridpipe.spark.reconcile;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
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


/**
 * Raw ids against the cloud's, by {@code (partition, id)}: the sides' ids are tagged with their side, unioned and
 * grouped once (one shuffle, however many sides), giving each id its number of copies per side; the per-partition
 * figures are aggregated on the executors. The driver receives one row per partition and at most {@code sampleSize}
 * ids per partition and kind of difference.
 */
public final class IdComparison implements AutoCloseable {

    /** Kinds of difference, as named in the reports. */
    public static final String MISSING_IN_S3 = "missing_in_s3";
    public static final String MISSING_IN_WAREHOUSE = "missing_in_warehouse";
    public static final String NOT_IN_RAW = "not_in_raw";
    public static final String DUPLICATED_IN_S3 = "duplicated_in_s3";
    public static final String DUPLICATED_IN_WAREHOUSE = "duplicated_in_warehouse";
    public static final List<String> KINDS = List.of(MISSING_IN_S3, MISSING_IN_WAREHOUSE, NOT_IN_RAW, DUPLICATED_IN_S3,
            DUPLICATED_IN_WAREHOUSE);

    private static final int RAW = 0;
    private static final int S3 = 1;
    private static final int WAREHOUSE = 2;

    private final Dataset<Row> joined;
    private final boolean s3;
    private final boolean warehouse;

    /** Each input has the columns {@code partition, id} ({@link ParquetIds#SCHEMA}). */
    public IdComparison(Dataset<Row> raw, Optional<Dataset<Row>> s3Ids, Optional<Dataset<Row>> warehouseIds) {
        this.s3 = s3Ids.isPresent();
        this.warehouse = warehouseIds.isPresent();
        Dataset<Row> all = tagged(raw, RAW);
        if (s3) {
            all = all.unionAll(tagged(s3Ids.get(), S3));
        }
        if (warehouse) {
            all = all.unionAll(tagged(warehouseIds.get(), WAREHOUSE));
        }
        this.joined = all.groupBy("partition", "id")
                .agg(copies(RAW).as("raw_n"), copies(S3).as("s3_n"), copies(WAREHOUSE).as("wh_n"))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static Dataset<Row> tagged(Dataset<Row> ids, int side) {
        return ids.select(col("partition"), col("id"), lit(side).as("side"));
    }

    private static Column copies(int side) {
        return sum(when(col("side").equalTo(side), 1L).otherwise(0L));
    }

    /** Per partition: {@code raw, s3, warehouse} (distinct ids) and one count per kind of difference. */
    public List<Row> countsPerPartition() {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(present("raw_n").as("raw"));
        aggregates.add(s3 ? present("s3_n").as("s3") : lit(null).cast("long").as("s3"));
        aggregates.add(warehouse ? present("wh_n").as("warehouse") : lit(null).cast("long").as("warehouse"));
        for (Map.Entry<String, Column> kind : kinds().entrySet()) {
            aggregates.add(sum(when(kind.getValue(), 1L).otherwise(0L)).as(kind.getKey()));
        }
        return joined.groupBy("partition")
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .orderBy("partition").collectAsList();
    }

    /** Up to {@code sampleSize} ids per partition and kind, smallest ids first: rows of {@code partition, kind, id}. */
    public List<Row> samples(int sampleSize) {
        Column[] kindOfRow = kinds().entrySet().stream()
                .map(k -> when(k.getValue(), lit(k.getKey()))).toArray(Column[]::new);
        Column anyKind = kinds().values().stream().reduce(Column::or).orElseThrow();
        return joined.filter(anyKind).select(col("partition"), col("id"), explode(array(kindOfRow)).as("kind"))
                .filter(col("kind").isNotNull())
                .withColumn("rn", row_number().over(Window.partitionBy("partition", "kind").orderBy("id")))
                .filter(col("rn").leq(sampleSize))
                .select("partition", "kind", "id")
                .orderBy("partition", "kind", "id").collectAsList();
    }

    /**
     * Raw tweets missing from a compared cloud side: {@code partition, id, missing_in_s3}. Stays distributed; a
     * repair reads the raw payloads of exactly these ids.
     */
    public Dataset<Row> missing() {
        Column notInS3 = s3 ? col("s3_n").equalTo(0) : lit(false);
        Column notInWarehouse = warehouse ? col("wh_n").equalTo(0) : lit(false);
        return joined.filter(col("raw_n").gt(0).and(notInS3.or(notInWarehouse)))
                .select(col("partition"), col("id"), notInS3.as(MISSING_IN_S3));
    }

    private Map<String, Column> kinds() {
        Map<String, Column> kinds = new LinkedHashMap<>();
        Column inRaw = col("raw_n").gt(0);
        if (s3) {
            kinds.put(MISSING_IN_S3, inRaw.and(col("s3_n").equalTo(0)));
        }
        if (warehouse) {
            kinds.put(MISSING_IN_WAREHOUSE, inRaw.and(col("wh_n").equalTo(0)));
        }
        kinds.put(NOT_IN_RAW, col("raw_n").equalTo(0));
        if (s3) {
            kinds.put(DUPLICATED_IN_S3, col("s3_n").gt(1));
        }
        if (warehouse) {
            kinds.put(DUPLICATED_IN_WAREHOUSE, col("wh_n").gt(1));
        }
        return kinds;
    }

    private static Column present(String copies) {
        return sum(when(col(copies).gt(0), 1L).otherwise(0L));
    }

    @Override
    public void close() {
        joined.unpersist();
    }
}
