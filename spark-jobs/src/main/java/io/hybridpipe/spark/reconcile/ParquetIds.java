package io.hybridpipe.spark.reconcile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.regexp_extract;

import java.util.List;

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
    private static final String PARTITION_OF_FILE = "(dt=\\d{4}-\\d{2}-\\d{2}/hr=\\d{2})/[^/]+$";

    private ParquetIds() {
    }

    public static Dataset<Row> read(SparkSession spark, List<PartitionDirectory> directories) {
        if (directories.isEmpty()) {
            return spark.createDataFrame(List.of(), SCHEMA);
        }
        String[] uris = directories.stream().map(PartitionDirectory::uri).toArray(String[]::new);
        return spark.read().schema(ID_ONLY).parquet(uris)
                .select(regexp_extract(input_file_name(), PARTITION_OF_FILE, 1).as("partition"), col("id"));
    }
}
