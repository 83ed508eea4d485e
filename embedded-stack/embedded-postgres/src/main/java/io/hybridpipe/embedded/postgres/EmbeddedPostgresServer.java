package io.hybridpipe.embedded.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * PostgreSQL 15 (zonky binaries 15.6.0) in a child process on a free port, data in a fresh directory
 * removed on stop. PostgreSQL refuses to run as root: when the JVM is root, zonky's own
 * {@code unshare -U} wrapping is used where user namespaces work, otherwise initdb and pg_ctl run as
 * {@code nobody} through {@link RunAsNobodyBinaryResolver}. The superuser role inside the database is {@code postgres},
 * trust authentication on loopback.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    public static final String DATABASE = "postgres";

    private final Path workDirectory;
    private EmbeddedPostgres postgres;

    /** @param workDirectory where binaries are unpacked and data directories live (e.g. {@code target/tmp}) */
    public EmbeddedPostgresServer(Path workDirectory) {
        this.workDirectory = workDirectory.toAbsolutePath();
    }

    public EmbeddedPostgresServer() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    public synchronized EmbeddedPostgresServer start() {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL already started on port " + postgres.getPort());
        }
        try {
            Files.createDirectories(workDirectory);
            Path dataDirectory = Files.createTempDirectory(workDirectory, "pgdata-");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDirectory.resolve("embedded-pg").toFile())
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off");
            if (runningAsRoot() && !LinuxUtils.isUnshareAvailable()) {
                // zonky runs initdb/pg_ctl under "unshare -U" when user namespaces work; where they do
                // not (many containers), drop to nobody instead, who must then own the data directory.
                Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
                Files.setAttribute(dataDirectory, "unix:uid", RunAsNobodyBinaryResolver.NOBODY_UID);
                Files.setAttribute(dataDirectory, "unix:gid", RunAsNobodyBinaryResolver.NOBODY_GID);
                Path real = PostgresBinaries.unpackTo(workDirectory.resolve("postgres-15.6.0-linux-x86_64"));
                builder.setPgBinaryResolver(new RunAsNobodyBinaryResolver(real));
            }
            postgres = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public synchronized int port() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not started");
        }
        return postgres.getPort();
    }

    /** JDBC URL of the {@code postgres} database as the superuser (trust auth: no password). */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=" + SUPERUSER;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop", e);
        } finally {
            postgres = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
