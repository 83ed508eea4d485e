package io.hybridpipe.spark;

import java.time.Duration;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.spark.batch.BatchPipeline;
import io.hybridpipe.spark.batch.CrashPoints;
import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.warehouse.ConnectionFactory;
import io.hybridpipe.spark.warehouse.PostgresDialect;
import io.hybridpipe.spark.warehouse.RedshiftDialect;
import io.hybridpipe.spark.warehouse.WarehouseDialect;
import io.hybridpipe.spark.warehouse.WarehouseLoader;
import io.hybridpipe.spark.warehouse.WarehouseTable;
import io.hybridpipe.spark.writer.HadoopConf;
import io.hybridpipe.spark.writer.OffsetRangeWriter;
import io.hybridpipe.spark.writer.ParquetTweetFormat;
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
        OffsetRangeWriter writer = new OffsetRangeWriter(layout, TweetPartitioner.CREATED_AT_HOUR, format,
                new HadoopConf(hadoopConf), crashPoints);
        WarehouseLoader loader = loader(s, hadoopConf, format);
        if (Boolean.parseBoolean(s.get("hybridpipe.warehouse.create-tables", "true"))) {
            loader.ensureTables();
        }
        return new BatchPipeline(writer, loader, hadoopConf, crashPoints);
    }

    public static WarehouseLoader loader(JobSettings s, Configuration hadoopConf, TweetFileFormat format) {
        WarehouseTable table = new WarehouseTable(s.get("hybridpipe.warehouse.schema", "public"),
                s.get("hybridpipe.warehouse.table", "tweets"));
        String dialectName = s.get("hybridpipe.warehouse.dialect", "redshift").toLowerCase(Locale.ROOT);
        WarehouseDialect dialect = switch (dialectName) {
            case "redshift" -> new RedshiftDialect(s.required("hybridpipe.redshift.iam-role"));
            case "postgresql" -> new PostgresDialect(hadoopConf, format);
            default -> throw new IllegalArgumentException(
                    "hybridpipe.warehouse.dialect must be redshift or postgresql, was '" + dialectName + "'");
        };
        ConnectionFactory connections = ConnectionFactory.fromEnvironment(
                s.required("hybridpipe.warehouse.jdbc-url"),
                s.get("hybridpipe.warehouse.user", "hybridpipe"),
                s.get("hybridpipe.warehouse.password-env", "HYBRIDPIPE_WAREHOUSE_PASSWORD"));
        return new WarehouseLoader(connections, dialect, table,
                (int) s.getLong("hybridpipe.warehouse.max-attempts", 5),
                s.getDuration("hybridpipe.warehouse.first-backoff", Duration.ofSeconds(1)),
                sql -> LOG.debug("warehouse: {}", sql));
    }
}
