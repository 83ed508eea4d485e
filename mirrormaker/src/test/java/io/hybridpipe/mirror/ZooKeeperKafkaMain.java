package io.hybridpipe.mirror;

import java.lang.reflect.InvocationTargetException;

/**
 * Entry point of the child JVM of {@link Kafka28Broker}: a ZooKeeper server and a ZooKeeper-mode Kafka broker in one
 * process, with whatever Kafka and ZooKeeper are on that JVM's classpath. Both are reached by reflection through
 * their own {@code main} methods, so this class compiles against no particular Kafka version.
 *
 * <p>Arguments: ZooKeeper port, ZooKeeper data directory, the broker's {@code server.properties}.
 */
public final class ZooKeeperKafkaMain {

    private ZooKeeperKafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ZooKeeperKafkaMain ZK_PORT ZK_DATA_DIR SERVER_PROPERTIES");
        }
        // ZooKeeper 3.5's admin server would take port 8080 (and needs Jetty)
        System.setProperty("zookeeper.admin.enableServer", "false");
        Thread zooKeeper = new Thread(() -> runMain("org.apache.zookeeper.server.ZooKeeperServerMain", args[0], args[1]),
                "zookeeper");
        zooKeeper.setDaemon(true);
        zooKeeper.start();
        // no wait for ZooKeeper: the broker retries its ZooKeeper connection for zookeeper.connection.timeout.ms (18 s)
        // blocks until the broker shuts down (SIGTERM runs its shutdown hook), then exits the JVM
        runMain("kafka.Kafka", args[2]);
    }

    private static void runMain(String className, String... args) {
        try {
            Class.forName(className).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
            System.exit(1);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + ".main is not on the classpath", e);
        }
    }
}
