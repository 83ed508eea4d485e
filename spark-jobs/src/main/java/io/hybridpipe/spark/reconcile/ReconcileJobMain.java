package io.hybridpipe.spark.reconcile;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.common.KafkaException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.spark.config.JobSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class io.hybridpipe.spark.reconcile.ReconcileJobMain}: proves the cloud copy of a range of
 * hours against the raw layer on HDFS and optionally repairs it. Exit code 0 when the cloud matches the raw layer
 * (and Hive knows every raw partition), 1 when it does not, 2 when the run could not be done (usage, a source that
 * cannot be reached or read).
 */
@Command(name = "hybridpipe-reconcile", mixinStandardHelpOptions = true,
        description = "Compares the tweet ids of a range of dt=/hr= partitions: HDFS raw layer vs S3 and the warehouse.")
public final class ReconcileJobMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileJobMain.class);
    static final int MATCH = 0;
    static final int DIFFERENCES = 1;
    static final int CANNOT_RUN = 2;

    @Option(names = "--settings", required = true,
            description = "properties file with the hybridpipe.* settings; --conf spark.hybridpipe.<key>=... overrides")
    Path settingsFile;

    @Option(names = "--from", required = true, description = "first hour: dt=2026-11-28/hr=00 or 2026-11-28T00")
    String from;

    @Option(names = "--to", description = "last hour, inclusive (default: --from)")
    String to;

    @Option(names = "--cloud", split = ",", defaultValue = "s3,warehouse", description = "s3, warehouse or both (default)")
    List<CloudSide> cloud;

    @Option(names = "--report-dir", defaultValue = "reconcile-report",
            description = "where reconcile.json and reconcile.html go (any Hadoop file system URI)")
    String reportDir;

    @Option(names = "--repair", description = "re-send the tweets missing from the cloud")
    boolean repair;

    @Option(names = "--repair-target", defaultValue = "kafka",
            description = "kafka (default: re-publish to the on-prem topic) or warehouse (a repair batch on S3, loaded)")
    RepairTarget repairTarget;

    @Option(names = "--sample-ids", defaultValue = "20", description = "ids listed per partition and kind of difference")
    int sampleIds;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs in the current JVM and returns the exit code; reuses an active SparkSession. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new ReconcileJobMain()).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("reconcile failed: " + e);
            e.printStackTrace(cmd.getErr());
            return CANNOT_RUN;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        try {
            SparkConf sparkConf = new SparkConf();
            Map<String, String> sparkSettings = new HashMap<>();
            for (var entry : sparkConf.getAll()) {
                sparkSettings.put(entry._1(), entry._2());
            }
            ReconcileSettings settings = new ReconcileSettings(JobSettings.load(settingsFile, sparkSettings));
            ReconcileJob.Request request = new ReconcileJob.Request(HourRange.parse(from, to == null ? from : to),
                    cloud.isEmpty() ? EnumSet.noneOf(CloudSide.class) : EnumSet.copyOf(cloud), repair, repairTarget,
                    sampleIds);
            SparkSession spark = SparkSession.builder().config(sparkConf).appName("hybridpipe-reconcile").getOrCreate();
            ReconcileReport report = new ReconcileJob(spark, settings).run(request);
            System.out.print(ReportTable.render(report));
            ReportFiles.write(spark.sparkContext().hadoopConfiguration(), reportDir, report);
            LOG.info("reconcile {} written to {}", report.range(), reportDir);
            return report.matches() ? MATCH : DIFFERENCES;
        } catch (IllegalArgumentException e) {
            System.err.println("reconcile: " + e.getMessage());
            return CANNOT_RUN;
        } catch (SourceUnavailableException e) {
            System.err.println("reconcile: " + e.getMessage());
            return CANNOT_RUN;
        } catch (Exception e) {
            // Spark's JDBC source throws SQLException undeclared, so checked failures arrive here too
            Throwable reason = unreachable(e);
            if (reason == null) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            System.err.println("reconcile: a source or target could not be reached or read: " + reason);
            return CANNOT_RUN;
        }
    }

    /** The SQL, I/O or Kafka failure behind {@code e}, if that is what it is. */
    private static Throwable unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof IOException || t instanceof KafkaException) {
                return t;
            }
        }
        return null;
    }
}
