package io.hybridpipe.nifi.hive;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hive.jdbc.HiveDriver;

import io.hybridpipe.embedded.hadoop.EmbeddedHdfs;
import io.hybridpipe.embedded.hive.HiveQueries;
import io.hybridpipe.embedded.hive.HiveServerProcess;

/** The real engines behind PutHiveLanding's tests: MiniDFS in this JVM, the Hive server in its own. */
final class LandingEngines implements AutoCloseable {

    final EmbeddedHdfs hdfs;
    final HiveServerProcess hive;
    final Path hadoopSiteFile;

    LandingEngines(Path dir) {
        hdfs = EmbeddedHdfs.start(dir.resolve("dfs"));
        hadoopSiteFile = hdfs.writeClientConfiguration(dir.resolve("conf/core-site.xml"));
        hive = HiveServerProcess.start(dir.resolve("hive"), Optional.of(hdfs.hdfsUri()));
    }

    String tableLocation(String table) {
        return hdfs.hdfsUri() + "/data/raw/" + table;
    }

    List<String> query(String sql) throws SQLException {
        try (Connection c = connect()) {
            return HiveQueries.rows(c, sql);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Names of the files a reader sees (not hidden) under {@code dir}, recursively. */
    List<String> visibleFiles(String dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (FileSystem fs = FileSystem.newInstance(hdfs.hdfsUri(), hdfs.clientConfiguration())) {
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
            if (!fs.exists(root)) {
                return names;
            }
            collect(fs, root, names);
        }
        return names;
    }

    private static void collect(FileSystem fs, org.apache.hadoop.fs.Path dir, List<String> names) throws IOException {
        for (FileStatus status : fs.listStatus(dir)) {
            String name = status.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (status.isDirectory()) {
                collect(fs, status.getPath(), names);
            } else {
                names.add(status.getPath().getParent().getParent().getName() + "/"
                        + status.getPath().getParent().getName() + "/" + name);
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "test");
        return new HiveDriver().connect(hive.jdbcUrl(), props);
    }

    @Override
    public void close() {
        hive.close();
        hdfs.close();
    }
}
