package io.hybridpipe.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import io.hybridpipe.embedded.hadoop.EmbeddedHdfs;
import io.hybridpipe.embedded.hive.HiveServerProcess;
import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;
import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import io.hybridpipe.embedded.s3.EmbeddedS3;
import io.hybridpipe.embedded.x.XApiEmulator;

/**
 * The engines of the local stack, started in dependency order and stopped in reverse: the X API emulator (a test
 * double of X), Kafka {@code onprem} and {@code aws}, MiniDFS with the Spark Thrift Server (Hive) in its own JVM,
 * S3Proxy and PostgreSQL 15 (standing in for Amazon Redshift). HDFS and Hive start on a second thread beside the
 * rest: the Hive JVM is the slowest engine and needs only HDFS.
 */
public final class LocalStack implements AutoCloseable {

    public static final String TOPIC = "tweets";
    public static final String BUCKET = "hybridpipe-tweets";
    public static final int TOPIC_PARTITIONS = 2;
    private static final String MARKER = ".hybridpipe-work";

    private final Path workDir;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private XApiEmulator x;
    private EmbeddedKafkaCluster onprem;
    private EmbeddedKafkaCluster aws;
    private EmbeddedHdfs hdfs;
    private HiveServerProcess hive;
    private EmbeddedS3 s3;
    private EmbeddedPostgresServer postgres;

    private LocalStack(Path workDir) {
        this.workDir = workDir;
    }

    /**
     * Starts every engine; on a failure stops what had started and rethrows.
     *
     * @param xBearerToken the token the emulator accepts and the twitter flow sends (a sensitive parameter)
     */
    public static LocalStack start(Path workDir, String xBearerToken, long seed, StartupLog log) {
        LocalStack stack = new LocalStack(workDir.toAbsolutePath());
        try {
            stack.startEngines(xBearerToken, seed, log);
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startEngines(String xBearerToken, long seed, StartupLog log) {
        createDirectories();
        CompletableFuture<Void> hadoopSide = CompletableFuture.runAsync(() -> {
            hdfs = register(log.start("HDFS (MiniDFS)", () -> EmbeddedHdfs.start(workDir.resolve("hdfs")),
                    h -> h.hdfsUri().toString()));
            hive = register(log.start("Hive (Spark Thrift Server, own JVM)",
                    () -> HiveServerProcess.start(workDir.resolve("hive"), Optional.of(hdfs.hdfsUri())),
                    HiveServerProcess::jdbcUrl));
        });
        try {
            startMainSide(xBearerToken, seed, log);
        } finally {
            // never return (or fail) while the other thread may still register an engine that close() would miss
            awaitHadoopSide(hadoopSide);
        }
    }

    private void startMainSide(String xBearerToken, long seed, StartupLog log) {
        x = register(log.start("X API v2 emulator (test double of X)", () -> XApiEmulator.builder().port(0)
                .bearerToken(xBearerToken).seed(seed).ratePerSecond(0).build().start(), XApiEmulator::baseUrl));
        onprem = register(log.start("Kafka onprem", () -> new EmbeddedKafkaCluster("onprem", workDir.resolve("kafka")).start(),
                EmbeddedKafkaCluster::bootstrapServers));
        aws = register(log.start("Kafka aws", () -> new EmbeddedKafkaCluster("aws", workDir.resolve("kafka")).start(),
                EmbeddedKafkaCluster::bootstrapServers));
        onprem.createTopic(TOPIC, TOPIC_PARTITIONS);
        s3 = register(log.start("S3 (S3Proxy)", () -> {
            EmbeddedS3 started = new EmbeddedS3().start();
            started.createBucket(BUCKET);
            return started;
        }, s -> s.endpoint() + " bucket " + BUCKET));
        postgres = register(log.start("PostgreSQL 15 (warehouse, stands in for Redshift)",
                () -> new EmbeddedPostgresServer(workDir.resolve("postgres")).start(), EmbeddedPostgresServer::jdbcUrl));
    }

    private static void awaitHadoopSide(CompletableFuture<Void> hadoopSide) {
        try {
            hadoopSide.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Empties a work directory of an earlier run (marked by {@value #MARKER}); refuses any other non-empty one. */
    private void createDirectories() {
        try {
            if (Files.isDirectory(workDir)) {
                boolean ours = Files.exists(workDir.resolve(MARKER));
                try (Stream<Path> entries = Files.list(workDir)) {
                    if (!ours && entries.findAny().isPresent()) {
                        throw new IllegalStateException("Work directory " + workDir + " is not empty and was not made by "
                                + "hybridpipe; choose another with --work-dir");
                    }
                }
                if (ours) {
                    Directories.deleteRecursively(workDir);
                }
            }
            Files.createDirectories(workDir);
            Files.createFile(workDir.resolve(MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the stack's work directory " + workDir, e);
        }
    }

    private <T extends AutoCloseable> T register(T engine) {
        synchronized (started) {
            started.push(engine);
        }
        return engine;
    }

    public Path workDir() {
        return workDir;
    }

    public XApiEmulator x() {
        return x;
    }

    public EmbeddedKafkaCluster onprem() {
        return onprem;
    }

    public EmbeddedKafkaCluster aws() {
        return aws;
    }

    public EmbeddedHdfs hdfs() {
        return hdfs;
    }

    public HiveServerProcess hive() {
        return hive;
    }

    public EmbeddedS3 s3() {
        return s3;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /** Stops every started engine, last started first; a failing stop does not keep the others running. */
    @Override
    public void close() {
        RuntimeException first = null;
        while (true) {
            AutoCloseable engine;
            synchronized (started) {
                engine = started.poll();
            }
            if (engine == null) {
                break;
            }
            try {
                engine.close();
            } catch (Exception e) {
                RuntimeException failure = new IllegalStateException("Cannot stop " + engine.getClass().getSimpleName(), e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
