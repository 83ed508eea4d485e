package io.hybridpipe.mirror;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Kafka 2.8.2 broker with its ZooKeeper, in a child JVM whose classpath is only what Kafka 2.8.2's POM brings
 * ({@code target/kafka-2.8.2}, copied there by the build) plus {@link ZooKeeperKafkaMain} - never this module's Kafka
 * 3.9.1. The broker logs (slf4j-simple) to {@code broker.log} in its directory.
 */
final class Kafka28Broker implements AutoCloseable {

    static final String VERSION = "2.8.2";
    private static final String HOST = "127.0.0.1";

    private final Process process;
    private final Path log;
    private final int port;

    private Kafka28Broker(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static Kafka28Broker start(Path dir) throws IOException {
        Path jars = Paths.get("target", "kafka-" + VERSION).toAbsolutePath();
        if (!Files.isRegularFile(jars.resolve("kafka_2.12-" + VERSION + ".jar"))) {
            throw new IllegalStateException(jars + " has no Kafka " + VERSION + ": run the build (generate-test-resources)");
        }
        int zooKeeperPort = freePort();
        int port = freePort();
        Path serverProperties = writeServerProperties(dir, zooKeeperPort, port);
        String classpath = jars + "/*" + System.getProperty("path.separator")
                + Paths.get("target", "test-classes").toAbsolutePath();
        Path log = dir.resolve("broker.log");
        Process process = new ProcessBuilder(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-cp", classpath,
                ZooKeeperKafkaMain.class.getName(), Integer.toString(zooKeeperPort),
                dir.resolve("zookeeper").toString(), serverProperties.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Kafka28Broker broker = new Kafka28Broker(process, log, port);
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    String bootstrapServers() {
        return HOST + ":" + port;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM: the broker's shutdown hook stops it cleanly. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Kafka " + VERSION + " exited with " + process.exitValue()
                                    + ":\n" + log());
                        }
                        return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
                    });
        }
    }

    private static Path writeServerProperties(Path dir, int zooKeeperPort, int port) throws IOException {
        Properties props = new Properties();
        props.put("broker.id", "0");
        props.put("zookeeper.connect", HOST + ":" + zooKeeperPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        props.put("log.dirs", dir.resolve("kafka-logs").toAbsolutePath().toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        Path file = dir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(writer, "Kafka " + VERSION + " broker of Kafka28SourceTest");
        }
        return file;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on " + HOST, e);
        }
    }
}
