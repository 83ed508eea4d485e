package io.hybridpipe.spark.reconcile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code id} column of the Parquet files in the listed partition folders, with the folder each row came from.
 * Only those folders are scanned and only the {@code id} column chunk is read.
 */
public final class ParquetIds {

    /** {@code partition} ({@code dt=YYYY-MM-DD/hr=HH}) and {@code id}: the shape every id source has. */
    public static final StructType SCHEMA = new StructType()
            .add("partition", DataTypes.StringType, false)
            .add("id", DataTypes.StringType, true);
    private static final StructType ID_ONLY = new StructType().add("id", DataTypes.StringType, true);

    private ParquetIds() {
    }

    /**
     * @param base the table's base, under which every directory lies: Spark discovers {@code dt} and {@code hr} from
     *             the folder names, a constant per file, instead of computing anything per row
     */
    public static Dataset<Row> read(SparkSession spark, String base, List<PartitionDirectory> directories) {
        if (directories.isEmpty()) {
            return spark.createDataFrame(List.of(), SCHEMA);
        }
        String[] uris = directories.stream().map(PartitionDirectory::uri).toArray(String[]::new);
        // dt/hr arrive as date/int or as strings, depending on spark.sql.sources.partitionColumnTypeInference.enabled
        Column partition = concat(lit("dt="), col("dt").cast("string"), lit("/hr="), lpad(col("hr").cast("string"), 2, "0"));
        return spark.read().option("basePath", base).schema(ID_ONLY).parquet(uris).select(partition.as("partition"), col("id"));
    }
}
