package io.hybridpipe.embedded.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** redshift-jdbc42 against PostgreSQL 15, the Amazon Redshift test double used by the warehouse loader tests. */
class RedshiftStartupFilterProxyTest {

    private static final EmbeddedPostgresServer PG = new EmbeddedPostgresServer();
    private static RedshiftStartupFilterProxy proxy;

    @BeforeAll
    static void start() {
        PG.start();
        proxy = new RedshiftStartupFilterProxy("127.0.0.1", PG.port());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        PG.stop();
    }

    private static Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", EmbeddedPostgresServer.SUPERUSER);
        p.setProperty("password", "unused-with-trust-auth");
        return p;
    }

    @Test
    void withoutTheProxyPostgresRejectsTheRedshiftStartupParameters() {
        String direct = "jdbc:redshift://127.0.0.1:" + PG.port() + "/postgres?ssl=false";
        assertThatThrownBy(() -> DriverManager.getConnection(direct, credentials()).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("unrecognized configuration parameter");
    }

    @Test
    void throughTheProxyDdlPreparedStatementsAndMergeWork() throws Exception {
        try (Connection c = DriverManager.getConnection(proxy.redshiftJdbcUrl("postgres"), credentials());
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE merge_target (id bigint PRIMARY KEY, text varchar(50))");
            st.execute("CREATE TEMP TABLE merge_staging (LIKE merge_target)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO merge_staging VALUES (?, ?)")) {
                for (long id = 1; id <= 3; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "v" + id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            st.execute("INSERT INTO merge_target VALUES (1, 'old')");
            st.execute("MERGE INTO merge_target USING merge_staging s ON merge_target.id = s.id "
                    + "WHEN MATCHED THEN UPDATE SET text = s.text WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.text)");
            ResultSet rs = st.executeQuery("SELECT count(*), string_agg(text, ',' ORDER BY id) FROM merge_target");
            rs.next();

            assertThat(rs.getInt(1)).isEqualTo(3);
            assertThat(rs.getString(2)).isEqualTo("v1,v2,v3");
        }
        assertThat(proxy.droppedParameterNames()).contains("driver_version");
    }
}
