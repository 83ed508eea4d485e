package io.hybridpipe.spark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.spark.batch.BatchPipeline;
import io.hybridpipe.spark.batch.CrashPoints;
import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.streaming.DStreamJob;
import io.hybridpipe.spark.streaming.StreamingSparkConf;
import io.hybridpipe.spark.streaming.StructuredStreamingJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spark-submit} entry point of the cloud streaming job (see the module README). */
@Command(name = "hybridpipe-spark-job", mixinStandardHelpOptions = true,
        description = "Kafka (aws) -> S3 Parquet + manifest -> warehouse, exactly once.")
// the DStream API is deprecated in Spark 3.5 but shipped and required here (issue 5); see README for the twin
@SuppressWarnings("deprecation")
public final class StreamingJobMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingJobMain.class);

    enum Engine { dstream, structured }

    @Option(names = "--settings", required = true,
            description = "properties file with the hybridpipe.* settings; --conf spark.hybridpipe.<key>=... overrides")
    Path settingsFile;

    @Option(names = "--engine", defaultValue = "dstream", description = "dstream (default) or structured")
    Engine engine;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamingJobMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SparkConf sparkConf = new SparkConf();
        Map<String, String> sparkSettings = new HashMap<>();
        for (var entry : sparkConf.getAll()) {
            sparkSettings.put(entry._1(), entry._2());
        }
        JobSettings settings = JobSettings.load(settingsFile, sparkSettings);
        StreamingSparkConf.withJobDefaults(sparkConf, settings);
        SparkSession spark = SparkSession.builder().config(sparkConf).appName("hybridpipe-" + engine).getOrCreate();
        LOG.info("starting the {} job with settings {}", engine, settings);
        BatchPipeline pipeline = JobComponents.pipeline(settings, spark.sparkContext().hadoopConfiguration(), CrashPoints.NONE);
        Duration interval = settings.getDuration("hybridpipe.batch.interval", Duration.ofSeconds(10));
        if (engine == Engine.structured) {
            StreamingQuery query = StructuredStreamingJob.start(spark, settings, pipeline, outcome -> { });
            query.awaitTermination();
            return 0;
        }
        JavaStreamingContext ssc = new JavaStreamingContext(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                Durations.milliseconds(interval.toMillis()));
        DStreamJob.Running job = DStreamJob.start(ssc, settings, pipeline, outcome -> { });
        // runs after Spark's own hooks (priority FileSystem + 30), which stop the context gracefully
        ShutdownHookManager.get().addShutdownHook(job::stopLikeShutdownHook, FileSystem.SHUTDOWN_HOOK_PRIORITY + 29);
        try {
            ssc.awaitTermination(); // rethrows the first failed batch
        } finally {
            ssc.stop(true, false);
            job.commitLoadedOffsets();
        }
        return 0;
    }
}
