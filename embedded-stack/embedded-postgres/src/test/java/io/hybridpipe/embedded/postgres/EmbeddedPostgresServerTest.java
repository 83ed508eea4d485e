package io.hybridpipe.embedded.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

class EmbeddedPostgresServerTest {

    private static final EmbeddedPostgresServer PG = new EmbeddedPostgresServer();

    @BeforeAll
    static void start() {
        PG.start();
    }

    @AfterAll
    static void stop() {
        PG.stop();
    }

    @Test
    void runsPostgres15AndCopyFromStdinLoadsRows() throws Exception {
        try (Connection c = PG.connect(); Statement st = c.createStatement()) {
            ResultSet version = st.executeQuery("SHOW server_version_num");
            version.next();
            assertThat(version.getInt(1)).isBetween(150000, 159999);

            st.execute("CREATE TABLE copy_target (id bigint PRIMARY KEY, text varchar(100))");
            long copied = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY copy_target FROM STDIN (FORMAT csv)", new StringReader("1,one\n2,\"two, quoted\"\n"));
            ResultSet rows = st.executeQuery("SELECT text FROM copy_target ORDER BY id");

            assertThat(copied).isEqualTo(2);
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("one");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("two, quoted");
        }
    }

    @Test
    void serverProcessIsNeverPrivilegedRootOfOurNamespace() throws Exception {
        try (Connection c = PG.connect(); Statement st = c.createStatement()) {
            ResultSet pid = st.executeQuery("SELECT pg_backend_pid()");
            pid.next();
            Path proc = Path.of("/proc/" + pid.getInt(1));
            String uidLine = Files.readString(proc.resolve("status")).lines()
                    .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
            int realUid = Integer.parseInt(uidLine.split("\\s+")[1]);
            boolean ownUserNamespace = !Files.readSymbolicLink(proc.resolve("ns/user"))
                    .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/user")));

            // either an unprivileged uid (setpriv to nobody, or a non-root JVM) or zonky's unshare -U
            assertThat(realUid != 0 || ownUserNamespace)
                    .as("backend uid %s, own user namespace %s", realUid, ownUserNamespace)
                    .isTrue();
        }
    }
}
