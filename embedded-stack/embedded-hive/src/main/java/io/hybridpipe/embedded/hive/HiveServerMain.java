package io.hybridpipe.embedded.hive;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs {@link HiveServer} until its standard input closes (the parent JVM ended or called stop).
 * Prints {@value #READY_MARKER} followed by the JDBC URL once a JDBC query has been answered.
 */
@Command(name = "hive-server", mixinStandardHelpOptions = true,
        description = "Spark Thrift Server (HiveServer2 protocol) over a Derby metastore, for tests and the local stack.")
public final class HiveServerMain implements Callable<Integer> {

    static final String READY_MARKER = "HIVE-SERVER-READY ";

    @Option(names = "--port", required = true, description = "HiveServer2 port on 127.0.0.1")
    int port;

    @Option(names = "--warehouse", required = true, description = "local folder for managed tables")
    Path warehouse;

    @Option(names = "--metastore", required = true, description = "local folder for the Derby metastore")
    Path metastore;

    @Option(names = "--hdfs", description = "default file system, e.g. hdfs://127.0.0.1:8020")
    URI hdfs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HiveServerMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException, SQLException {
        HiveServer.Settings settings = new HiveServer.Settings(port, warehouse, metastore, Optional.ofNullable(hdfs));
        try (HiveServer server = HiveServer.start(settings)) {
            answerOneQuery(server.jdbcUrl());
            System.out.println(READY_MARKER + server.jdbcUrl());
            System.out.flush();
            waitForEndOfInput(System.in);
        }
        return 0;
    }

    private static void answerOneQuery(String jdbcUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "hive", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                throw new SQLException("the server did not answer SELECT 1 with 1");
            }
        }
    }

    private static void waitForEndOfInput(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // input is only a liveness signal from the parent; its content is ignored
            continue;
        }
    }
}
