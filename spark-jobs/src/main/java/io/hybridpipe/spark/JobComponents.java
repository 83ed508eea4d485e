package io.hybridpipe.spark;

import java.time.Duration;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.spark.batch.BatchPipeline;
import io.hybridpipe.spark.batch.CrashPoints;
import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.warehouse.JdbcTarget;
import io.hybridpipe.spark.warehouse.PostgresDialect;
import io.hybridpipe.spark.warehouse.PostgresRowStager;
import io.hybridpipe.spark.warehouse.RedshiftDialect;
import io.hybridpipe.spark.warehouse.WarehouseDialect;
import io.hybridpipe.spark.warehouse.WarehouseLoader;
import io.hybridpipe.spark.warehouse.WarehouseTable;
import io.hybridpipe.spark.writer.HadoopConf;
import io.hybridpipe.spark.writer.OffsetRangeWriter;
import io.hybridpipe.spark.writer.ParquetTweetFormat;
import io.hybridpipe.spark.writer.RowStager;
import io.hybridpipe.spark.writer.StorageLayout;
import io.hybridpipe.spark.writer.TweetFileFormat;
import io.hybridpipe.spark.writer.TweetPartitioner;

/** Builds the batch pipeline both jobs share from their settings. */
public final class JobComponents {

    private static final Logger LOG = LoggerFactory.getLogger(JobComponents.class);

    private JobComponents() {
    }

    public static BatchPipeline pipeline(JobSettings s, Configuration hadoopConf, CrashPoints crashPoints) {
        StorageLayout layout = new StorageLayout(s.required("hybridpipe.storage.base"));
        TweetFileFormat format = new ParquetTweetFormat();
        WarehouseLoader loader = loader(s, hadoopConf, format);
        OffsetRangeWriter writer = new OffsetRangeWriter(layout, TweetPartitioner.CREATED_AT_HOUR, format,
                new HadoopConf(hadoopConf), crashPoints, rowStager(s));
        if (Boolean.parseBoolean(s.get("hybridpipe.warehouse.create-tables", "true"))) {
            loader.ensureTables();
        }
        return new BatchPipeline(writer, loader, hadoopConf, crashPoints);
    }

    public static WarehouseLoader loader(JobSettings s, Configuration hadoopConf, TweetFileFormat format) {
        String dialectName = dialectName(s);
        WarehouseDialect dialect = switch (dialectName) {
            case "redshift" -> new RedshiftDialect(s.required("hybridpipe.redshift.iam-role"));
            case "postgresql" -> new PostgresDialect(hadoopConf, format);
            default -> throw new IllegalArgumentException(
                    "hybridpipe.warehouse.dialect must be redshift or postgresql, was '" + dialectName + "'");
        };
        return new WarehouseLoader(connections(s), dialect, table(s), maxAttempts(s), firstBackoff(s),
                sql -> LOG.debug("warehouse: {}", sql));
    }

    /**
     * PostgreSQL cannot read S3: by default ({@code hybridpipe.warehouse.staging=executors}) each task copies the rows
     * it wrote into the staging table, so the driver reads nothing back; {@code driver} reads the manifest's files in
     * the driver instead (for executors that cannot reach the database). Redshift COPYs from S3 itself.
     */
    static RowStager rowStager(JobSettings s) {
        String staging = s.get("hybridpipe.warehouse.staging", "executors").toLowerCase(Locale.ROOT);
        if (!staging.equals("executors") && !staging.equals("driver")) {
            throw new IllegalArgumentException("hybridpipe.warehouse.staging must be executors or driver, was '"
                    + staging + "'");
        }
        if (!dialectName(s).equals("postgresql") || staging.equals("driver")) {
            return RowStager.NONE;
        }
        return new PostgresRowStager(connections(s), table(s).staging(), maxAttempts(s), firstBackoff(s));
    }

    private static String dialectName(JobSettings s) {
        return s.get("hybridpipe.warehouse.dialect", "redshift").toLowerCase(Locale.ROOT);
    }

    private static WarehouseTable table(JobSettings s) {
        return new WarehouseTable(s.get("hybridpipe.warehouse.schema", "public"), s.get("hybridpipe.warehouse.table", "tweets"));
    }

    private static JdbcTarget connections(JobSettings s) {
        return new JdbcTarget(s.required("hybridpipe.warehouse.jdbc-url"), s.get("hybridpipe.warehouse.user", "hybridpipe"),
                s.get("hybridpipe.warehouse.password-env", "HYBRIDPIPE_WAREHOUSE_PASSWORD"));
    }

    private static int maxAttempts(JobSettings s) {
        return (int) s.getLong("hybridpipe.warehouse.max-attempts", 5);
    }

    private static Duration firstBackoff(JobSettings s) {
        return s.getDuration("hybridpipe.warehouse.first-backoff", Duration.ofSeconds(1));
    }
}
