package io.hybridpipe.local.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.hybridpipe.embedded.nifi.RunningStatelessFlow;
import io.hybridpipe.embedded.nifi.StatelessFlowRunner;
import io.hybridpipe.embedded.nifi.StatelessRunResult;
import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import io.hybridpipe.local.observe.EmittedTweets;
import io.hybridpipe.local.observe.StageEndpoints;
import io.hybridpipe.local.stack.LocalStack;
import io.hybridpipe.local.stack.StartupLog;

/**
 * The whole local pipeline on a running {@link LocalStack}: twitter-to-kafka in NiFi Stateless bridged to Kafka
 * {@code onprem}, kafka-to-hive fed from it, MirrorMaker 2 and the Spark job in their own JVMs, and the emitter that
 * makes the X emulator send tweets. {@link #close()} stops it all, the stack included, leaving no process behind.
 */
public final class Pipeline implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration ENGINE_READY_TIMEOUT = Duration.ofMinutes(3);
    private static final int ENGINE_ATTEMPTS = 3;
    private static final Duration HIVE_STOP_GRACE = Duration.ofSeconds(60);
    private static final Duration HIVE_TABLE_TIMEOUT = Duration.ofMinutes(3);
    private static final String HIVE_DATABASE = "default";

    private final PipelineSettings settings;
    private final LocalStack stack;
    private final Emitter emitter;
    private ChildJvm mirrorMaker;
    private ChildJvm sparkJob;
    private RunningStatelessFlow twitterFlow;
    private TwitterToKafkaBridge toKafka;
    private Thread toKafkaThread;
    private KafkaToHiveBridge toHive;
    private Thread toHiveThread;
    private CompletableFuture<Void> hiveTable;

    private Pipeline(PipelineSettings settings, LocalStack stack) {
        this.settings = settings;
        this.stack = stack;
        this.emitter = new Emitter(stack.x());
    }

    /** Starts the stack and then the pipeline; on failure stops whatever had started and rethrows. */
    public static Pipeline start(PipelineSettings settings, long seed, StartupLog log) {
        LocalStack stack = LocalStack.start(settings.workDir(), settings.xBearerToken(), seed, log);
        Pipeline pipeline = new Pipeline(settings, stack);
        try {
            pipeline.startParts(log);
            return pipeline;
        } catch (RuntimeException | Error e) {
            pipeline.close();
            throw e;
        }
    }

    private void startParts(StartupLog log) {
        Path work = settings.workDir();
        hiveTable = HiveLandingTable.createInBackground(stack.hive().jdbcUrl(), HIVE_DATABASE, PipelineSettings.HIVE_TABLE,
                hiveTableLocation());
        mirrorMaker = log.start("MirrorMaker 2 (own JVM)", () -> MirrorMakerChild.create(work,
                stack.onprem().bootstrapServers(), stack.aws().bootstrapServers()).start(), ChildJvm::toString);
        sparkJob = log.start("Spark job, local[2] (own JVM)", () -> SparkJobChild.create(settings,
                stack.aws().bootstrapServers(), LocalStack.TOPIC, stack.s3(), LocalStack.BUCKET,
                stack.postgres().jdbcUrl(), EmbeddedPostgresServer.SUPERUSER).start(), ChildJvm::toString);
        twitterFlow = log.start("twitter-to-kafka (NiFi Stateless, own JVM) connecting to X", this::startTwitterFlow,
                flow -> "log " + flow.logFile());
        // not in parallel with twitter-to-kafka: two engines bootstrapping at once on one engine directory can each
        // see the other's half-unpacked NARs ("Could not find any implementations of ... DataflowDefinitionParser")
        toHive = log.start("kafka-to-hive (NiFi Stateless, own JVM, fed batch by batch)", this::startHiveLanding,
                bridge -> "group " + KafkaToHiveBridge.GROUP_ID + ", up to " + settings.hiveBatchRecords() + " records a batch");
    }

    /** Starts kafka-to-hive's engine, waits until its dataflow is ready, then starts the bridge that feeds it. */
    private KafkaToHiveBridge startHiveLanding() {
        try {
            Path work = settings.workDir();
            Path site = stack.hdfs().writeClientConfiguration(work.resolve("hadoop/core-site.xml"));
            Path flow = NiFiFlows.kafkaToHiveDefinition(work);
            String hiveUrl = stack.hive().jdbcUrl();
            KafkaToHiveBridge bridge = new KafkaToHiveBridge(stack.onprem().bootstrapServers(), LocalStack.TOPIC,
                    settings.hiveBatchRecords(),
                    NiFiFlows.kafkaToHive(work, flow, site, hiveTableLocation(), hiveUrl, HIVE_DATABASE, PipelineSettings.HIVE_TABLE));
            toHive = bridge;
            // before the engine starts: its PutHiveLanding checks the table when scheduled, and two concurrent
            // CREATE TABLE IF NOT EXISTS on the Thrift Server can fail one another
            hiveTable.get(HIVE_TABLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            bridge.awaitEngineReady();
            toHiveThread = new Thread(bridge, "hybridpipe-kafka-to-hive");
            toHiveThread.setDaemon(true);
            toHiveThread.start();
            return bridge;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start kafka-to-hive", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while kafka-to-hive's engine was starting", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The Hive table for kafka-to-hive is not there: " + e.getMessage(), e);
        }
    }

    private String hiveTableLocation() {
        return stack.hdfs().hdfsUri() + "/data/raw/tweets";
    }

    private RunningStatelessFlow startTwitterFlow() {
        try {
            NiFiFlows.clearRuns(settings.workDir());
            RunningStatelessFlow flow = startReadyEngine(NiFiFlows.twitterToKafka(settings.workDir(), stack.x().baseUrl(),
                    settings.xBearerToken()));
            long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
            while (stack.x().activeConnections() == 0) {
                if (!flow.isAlive()) {
                    throw new IllegalStateException("twitter-to-kafka ended before connecting to the X emulator; see "
                            + flow.logFile());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("twitter-to-kafka did not connect to the X emulator within "
                            + CONNECT_TIMEOUT + "; see " + flow.logFile());
                }
                Thread.sleep(100);
            }
            toKafka = new TwitterToKafkaBridge(flow.logFile().getParent().resolve("output"),
                    stack.onprem().bootstrapServers(), LocalStack.TOPIC);
            toKafkaThread = new Thread(toKafka, "hybridpipe-twitter-to-kafka");
            toKafkaThread.setDaemon(true);
            toKafkaThread.start();
            return flow;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start twitter-to-kafka", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while twitter-to-kafka was connecting", e);
        }
    }

    /** Starts the engine, and starts it again if it hangs before its dataflow is ready (see EngineReadiness). */
    private RunningStatelessFlow startReadyEngine(StatelessFlowRunner runner) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            RunningStatelessFlow flow = runner.start();
            twitterFlow = flow;
            if (EngineReadiness.awaitReady(flow, ENGINE_READY_TIMEOUT) || !flow.isAlive() || attempt == ENGINE_ATTEMPTS) {
                return flow;
            }
            flow.close();
        }
    }

    public LocalStack stack() {
        return stack;
    }

    public Emitter emitter() {
        return emitter;
    }

    public ChildJvm mirrorMaker() {
        return mirrorMaker;
    }

    public ChildJvm sparkJob() {
        return sparkJob;
    }

    /** Batches fed to the kafka-to-hive engine, replays included. */
    public long hiveLandingBatches() {
        return toHive == null ? 0 : toHive.batches();
    }

    /** Kills kafka-to-hive's NiFi engine as a crash would (for {@code --chaos}); says what it did. */
    public String killHiveLandingEngine() throws InterruptedException {
        return toHive == null ? "kafka-to-hive is not running" : toHive.killEngine();
    }

    public long hiveLandingEngineStarts() {
        return toHive == null ? 0 : toHive.engineStarts();
    }

    /** Where the observer reads each stage. */
    public StageEndpoints endpoints() {
        return new StageEndpoints(stack.onprem().bootstrapServers(), LocalStack.TOPIC,
                stack.aws().bootstrapServers(), LocalStack.TOPIC,
                stack.hive().jdbcUrl(), PipelineSettings.HIVE_TABLE, hiveTableLocation(),
                stack.postgres().jdbcUrl(), EmbeddedPostgresServer.SUPERUSER, null,
                settings.warehouseSchema() + ".tweets");
    }

    /** What the X emulator wrote to its sockets. */
    public EmittedTweets emitted() {
        return new EmittedTweets() {
            @Override
            public List<String> distinctSentIds() {
                return stack.x().distinctSentTweetIds();
            }

            @Override
            public List<String> sentIdsFrom(int index) {
                return stack.x().sentTweetIdsFrom(index);
            }

            @Override
            public List<String> possiblySentIds() {
                return stack.x().possiblySentTweetIds();
            }

            @Override
            public long sentCount() {
                return stack.x().sentTweetCount();
            }
        };
    }

    /** A part of the pipeline that stopped working on its own (not by a chaos action), if any. */
    public Optional<String> problem() {
        if (toKafka != null && toKafka.failure() != null) {
            return Optional.of("twitter-to-kafka bridge failed: " + toKafka.failure());
        }
        if (toHive != null && toHive.failure() != null) {
            return Optional.of("kafka-to-hive failed: " + toHive.failure());
        }
        if (twitterFlow != null && !twitterFlow.isAlive()) {
            return Optional.of("twitter-to-kafka's engine ended; see " + twitterFlow.logFile());
        }
        return Optional.empty();
    }

    /** Stops emitting, lets the flows hand over what they hold, stops every JVM and engine. */
    @Override
    public void close() {
        List<Exception> failures = new ArrayList<>();
        run(failures, emitter::close);
        run(failures, this::stopTwitterSide);
        run(failures, this::stopHiveSide);
        if (sparkJob != null) {
            run(failures, sparkJob::terminate);
        }
        if (mirrorMaker != null) {
            run(failures, mirrorMaker::terminate);
        }
        run(failures, stack::close);
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("The pipeline did not stop cleanly");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private void stopTwitterSide() throws IOException, InterruptedException {
        if (twitterFlow != null) {
            StatelessRunResult result = twitterFlow.stop();
            twitterFlow.close();
            if (result.exitCode() != 0) {
                throw new IllegalStateException("twitter-to-kafka: " + result.describeFailure());
            }
        }
        if (toKafka != null) {
            toKafka.finish();
            toKafkaThread.join();
        }
    }

    private void stopHiveSide() throws InterruptedException {
        if (toHive != null && toHiveThread == null) {
            toHive.abandon(); // the stack failed to start before the bridge ran: only its engine and consumer to close
        } else if (toHive != null) {
            toHive.stop();
            toHiveThread.join(HIVE_STOP_GRACE.toMillis());
            if (toHiveThread.isAlive()) {
                // a batch still landing is not committed, so a later run lands it again: interrupting loses nothing
                toHiveThread.interrupt();
                toHiveThread.join();
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void run(List<Exception> failures, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            failures.add(e);
        }
    }
}
