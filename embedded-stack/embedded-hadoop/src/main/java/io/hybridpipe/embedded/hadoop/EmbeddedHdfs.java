package io.hybridpipe.embedded.hadoop;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * An in-process HDFS: one NameNode and one DataNode ({@link MiniDFSCluster} from the shaded
 * {@code hadoop-client-minicluster}). The NameNode keeps its port across {@link #stop()} /
 * {@link #restart()}, and a restart keeps the data, so clients configured before a stop work again after it.
 */
public final class EmbeddedHdfs implements AutoCloseable {

    private final Path baseDir;
    private final int nameNodePort;
    private MiniDFSCluster cluster;

    private EmbeddedHdfs(Path baseDir, int nameNodePort) {
        this.baseDir = baseDir;
        this.nameNodePort = nameNodePort;
    }

    /** Formats a new file system under {@code baseDir} and starts it. */
    public static EmbeddedHdfs start(Path baseDir) {
        EmbeddedHdfs hdfs = new EmbeddedHdfs(baseDir.toAbsolutePath(), freePort());
        hdfs.startCluster(true);
        return hdfs;
    }

    /** {@code hdfs://127.0.0.1:PORT}; the same before and after a restart. */
    public URI hdfsUri() {
        return URI.create("hdfs://127.0.0.1:" + nameNodePort);
    }

    /**
     * A configuration for clients of this file system. Connection retries are kept short so that a
     * client notices a stopped cluster in seconds rather than minutes.
     */
    public Configuration clientConfiguration() {
        Configuration conf = new Configuration(false);
        conf.set("fs.defaultFS", hdfsUri().toString());
        conf.setInt("ipc.client.connect.max.retries", 1);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 1);
        conf.setInt("ipc.client.connect.retry.interval", 100);
        conf.setInt("ipc.client.connect.timeout", 2000);
        conf.setBoolean("dfs.client.retry.policy.enabled", false);
        conf.setInt("dfs.client.failover.max.attempts", 1);
        // one DataNode: never try to replace it in a write pipeline
        conf.set("dfs.client.block.write.replace-datanode-on-failure.policy", "NEVER");
        conf.setInt("dfs.replication", 1);
        return conf;
    }

    /** Writes {@link #clientConfiguration()} as a Hadoop {@code core-site.xml}-style file. */
    public Path writeClientConfiguration(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                clientConfiguration().writeXml(out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public boolean isRunning() {
        return cluster != null && cluster.isClusterUp();
    }

    /** Stops NameNode and DataNode; the data stays on disk for {@link #restart()}. */
    public void stop() {
        if (cluster != null) {
            cluster.shutdown(false);
            cluster = null;
        }
    }

    /** Starts the stopped cluster again on the same port with the same data. */
    public void restart() {
        stop();
        startCluster(false);
    }

    @Override
    public void close() {
        stop();
    }

    private void startCluster(boolean format) {
        Configuration conf = new Configuration();
        conf.setBoolean("dfs.permissions.enabled", false);
        conf.setInt("dfs.replication", 1);
        // a restarted NameNode would otherwise sit in safe mode waiting for block reports
        conf.setInt("dfs.namenode.safemode.extension", 0);
        // the metrics loggers need commons-logging's Log4JLogger, absent where jcl-over-slf4j bridges logging (NiFi)
        conf.setInt("dfs.namenode.metrics.logger.period.seconds", 0);
        conf.setInt("dfs.datanode.metrics.logger.period.seconds", 0);
        try {
            cluster = new MiniDFSCluster.Builder(conf, baseDir.toFile())
                    .nameNodePort(nameNodePort)
                    .numDataNodes(1)
                    .format(format)
                    .manageNameDfsDirs(true)
                    .manageDataDfsDirs(true)
                    .waitSafeMode(true)
                    .build();
            cluster.waitActive();
        } catch (IOException e) {
            throw new UncheckedIOException("MiniDFSCluster did not start under " + baseDir, e);
        }
        Objects.requireNonNull(cluster);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
