package io.hybridpipe.local.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.hybridpipe.embedded.s3.EmbeddedS3;

/**
 * The cloud streaming job ({@code StreamingJobMain --engine dstream}) in local mode ({@code local[2]}) in its own JVM, as
 * {@code spark-submit --master local[2]} would run it: Kafka {@code aws} to S3Proxy to PostgreSQL. S3 keys reach it
 * through the environment (the AWS SDK's environment credentials), never its command line.
 */
final class SparkJobChild {

    static final String MAIN_CLASS = "io.hybridpipe.spark.StreamingJobMain";
    static final String GROUP_ID = "hybridpipe-spark";
    private static final List<String> ADD_OPENS = List.of(
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

    private SparkJobChild() {
    }

    static ChildJvm create(PipelineSettings settings, String awsBootstrap, String topic, EmbeddedS3 s3, String bucket,
                           String warehouseJdbcUrl, String warehouseUser) {
        Path dir = settings.workDir().resolve("spark");
        Properties job = new Properties();
        job.setProperty("hybridpipe.kafka.bootstrap.servers", awsBootstrap);
        job.setProperty("hybridpipe.kafka.topic", topic);
        job.setProperty("hybridpipe.kafka.group.id", GROUP_ID);
        job.setProperty("hybridpipe.batch.interval", settings.sparkBatchInterval().toMillis() + "ms");
        job.setProperty("hybridpipe.storage.base", "s3a://" + bucket + "/tweets");
        job.setProperty("hybridpipe.warehouse.dialect", "postgresql");
        job.setProperty("hybridpipe.warehouse.jdbc-url", warehouseJdbcUrl);
        job.setProperty("hybridpipe.warehouse.user", warehouseUser);
        job.setProperty("hybridpipe.warehouse.schema", settings.warehouseSchema());
        job.setProperty("hybridpipe.warehouse.first-backoff", "100ms");
        Path settingsFile = dir.resolve("hybridpipe-spark.properties");
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(settingsFile)) {
                job.store(out, "the Spark job's settings for the local stack (no secrets)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + settingsFile, e);
        }

        List<String> jvm = new ArrayList<>(ADD_OPENS);
        jvm.add("-Xmx1g");
        jvm.add(ChildJvm.C1_ONLY);
        jvm.add("-Djava.io.tmpdir=" + MirrorMakerChild.tmp(settings.workDir(), "spark"));
        jvm.add("-Dspark.master=local[2]");
        jvm.add("-Dspark.app.name=hybridpipe-local");
        jvm.add("-Dspark.ui.enabled=false");
        jvm.add("-Dspark.driver.host=127.0.0.1");
        jvm.add("-Dspark.driver.bindAddress=127.0.0.1");
        jvm.add("-Dspark.sql.shuffle.partitions=2");
        // Spark's PID rate estimator answers the slow first batches (every JVM still compiling) by dropping to its
        // floor, 100 records/s by default, and then climbed back so slowly that the warehouse fell ~2 min behind a
        // 500/s run (199-record batches measured); a floor of twice the emission rate keeps backpressure from
        // throttling below what the stack sends, while maxRatePerPartition still caps a batch
        jvm.add("-Dspark.streaming.backpressure.pid.minRate=" + settings.sparkMinRate());
        jvm.add("-Dspark.local.dir=" + dir.resolve("local"));
        s3.s3aSettings().forEach((key, value) -> {
            if (!key.equals("fs.s3a.access.key") && !key.equals("fs.s3a.secret.key")
                    && !key.equals("fs.s3a.aws.credentials.provider")) {
                jvm.add("-Dspark.hadoop." + key + "=" + value);
            }
        });
        jvm.add("-Dspark.hadoop.fs.s3a.aws.credentials.provider=com.amazonaws.auth.EnvironmentVariableCredentialsProvider");
        // the DStream job (spark-streaming-kafka-0-10), the one users spark-submit; MirrorMaker 2 writes the aws topic in
        // transactions (exactly-once) and the job reads it read_committed, stepping over the commit markers
        return new ChildJvm("Spark job", jvm, MAIN_CLASS, List.of("--settings", settingsFile.toString(), "--engine", "dstream"),
                Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()),
                settings.workDir().resolve("logs/spark-job.log"));
    }
}
