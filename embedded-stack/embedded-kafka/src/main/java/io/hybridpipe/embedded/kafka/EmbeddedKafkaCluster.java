package io.hybridpipe.embedded.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One single-node KRaft Kafka cluster (one process acting as broker and controller) running in this JVM.
 *
 * <p>Ports are picked once, when the object is made, and kept across {@link #restart()}, as is the log
 * directory, so clients and MirrorMaker see the same cluster come back with its data.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final ScramMechanism SCRAM = ScramMechanism.SCRAM_SHA_512;
    private static final int SCRAM_ITERATIONS = 8192;

    private final String name;
    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final SaslSslListener saslSsl;
    private final int saslSslPort;
    private final String clusterId = Uuid.randomUuid().toString();
    private boolean formatted;
    private KafkaRaftServer server;

    /**
     * @param name      the cluster's name (also the name of its log directory under {@code baseDir})
     * @param baseDir   where the cluster keeps its data; created if missing
     * @param overrides broker properties that replace the defaults of {@link #brokerProperties()}
     */
    public EmbeddedKafkaCluster(String name, Path baseDir, Map<String, String> overrides) {
        this(name, baseDir, overrides, null);
    }

    /**
     * A cluster with a second, SASL_SSL (SCRAM-SHA-512) listener beside the PLAINTEXT one, which stays the
     * inter-broker listener and the one {@link #admin()} uses. The SCRAM user is created at every start.
     */
    public EmbeddedKafkaCluster(String name, Path baseDir, Map<String, String> overrides, SaslSslListener saslSsl) {
        this.name = name;
        this.logDir = baseDir.resolve(name).toAbsolutePath();
        this.overrides = Map.copyOf(overrides);
        this.saslSsl = saslSsl;
        int[] ports = distinctPorts(saslSsl == null ? 2 : 3, EmbeddedKafkaCluster::freePort);
        this.brokerPort = ports[0];
        this.controllerPort = ports[1];
        this.saslSslPort = saslSsl == null ? -1 : ports[2];
    }

    public EmbeddedKafkaCluster(String name, Path baseDir) {
        this(name, baseDir, Map.of());
    }

    public String name() {
        return name;
    }

    public Path logDir() {
        return logDir;
    }

    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /** The SASL_SSL listener's bootstrap list; only for a cluster made with a {@link SaslSslListener}. */
    public String saslSslBootstrapServers() {
        if (saslSsl == null) {
            throw new IllegalStateException("Kafka cluster " + name + " has no SASL_SSL listener");
        }
        return HOST + ":" + saslSslPort;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Formats the storage on first start, then starts the broker and waits until it serves metadata. */
    public synchronized EmbeddedKafkaCluster start() {
        if (server != null) {
            throw new IllegalStateException("Kafka cluster " + name + " is already running");
        }
        if (!formatted) {
            formatStorage();
            formatted = true;
        }
        KafkaRaftServer started = new KafkaRaftServer(new KafkaConfig(brokerProperties()), Time.SYSTEM);
        started.startup();
        server = started;
        awaitBrokerReady();
        if (saslSsl != null) {
            createScramUser();
        }
        LOG.info("Kafka cluster {} up at {} (data in {})", name, bootstrapServers(), logDir);
        return this;
    }

    /** Stops the broker; its data directory and ports stay, so {@link #start()} brings the same cluster back. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("Kafka cluster {} stopped", name);
    }

    public synchronized void restart() {
        stop();
        start();
    }

    /** Creates a topic with replication factor 1; an existing topic with that name is left as it is. */
    public void createTopic(String topic, int partitions) {
        createTopic(topic, partitions, Map.of());
    }

    public void createTopic(String topic, int partitions, Map<String, String> topicConfig) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(topicConfig)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic + " on " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + topic + " on " + name, e);
        }
    }

    /** A new admin client for this cluster; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    @Override
    public void close() {
        stop();
    }

    Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        if (saslSsl != null) {
            addSaslSslListener(props);
        }
        props.put("log.dirs", logDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // small engine footprint: several clusters share a 2-core test JVM
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        props.put("log.cleaner.threads", "1");
        props.putAll(overrides);
        return props;
    }

    private void addSaslSslListener(Properties props) {
        String listener = "SASL_SSL://" + HOST + ":" + saslSslPort;
        props.put("listeners", props.getProperty("listeners") + "," + listener);
        props.put("advertised.listeners", props.getProperty("advertised.listeners") + "," + listener);
        props.put("listener.security.protocol.map", props.getProperty("listener.security.protocol.map") + ",SASL_SSL:SASL_SSL");
        String prefix = "listener.name.sasl_ssl.";
        props.put(prefix + "sasl.enabled.mechanisms", SCRAM.mechanismName());
        props.put(prefix + "scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put(prefix + "ssl.keystore.type", "PKCS12");
        props.put(prefix + "ssl.keystore.location", saslSsl.keystore().toAbsolutePath().toString());
        props.put(prefix + "ssl.keystore.password", saslSsl.keystorePassword());
        props.put(prefix + "ssl.key.password", saslSsl.keystorePassword());
    }

    /** Upserts the SCRAM user through the PLAINTEXT listener (KRaft keeps SCRAM credentials in its metadata log). */
    private void createScramUser() {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(saslSsl.scramUser(),
                            new ScramCredentialInfo(SCRAM, SCRAM_ITERATIONS), saslSsl.scramPassword())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create SCRAM user " + saslSsl.scramUser() + " on " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating SCRAM user on " + name, e);
        }
    }

    private void formatStorage() {
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format KRaft storage of " + name + " in " + logDir, e);
        }
    }

    private void awaitBrokerReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka cluster " + name + " did not become ready", e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka cluster " + name + " has no live broker after " + READY_TIMEOUT);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka cluster " + name, e);
        }
    }

    /**
     * {@code n} different ports from {@code freePort}. A port found free is released at once, and the next ask may
     * be given the same one: the broker and controller listeners once got the same port, and Kafka refused to start
     * ("If you have two listeners on the same port then one needs to be IPv4 and the other IPv6").
     */
    static int[] distinctPorts(int n, IntSupplier freePort) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (int asked = 0; ports.size() < n; asked++) {
            if (asked == 100 * n) {
                throw new IllegalStateException(
                        "no " + n + " different free TCP ports on " + HOST + " in " + asked + " tries");
            }
            ports.add(freePort.getAsInt());
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on " + HOST, e);
        }
    }
}
