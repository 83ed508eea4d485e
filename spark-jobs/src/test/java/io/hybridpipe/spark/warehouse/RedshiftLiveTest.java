package io.hybridpipe.spark.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.spark.batch.BatchRanges;
import io.hybridpipe.spark.batch.KafkaRange;
import io.hybridpipe.spark.batch.RedshiftManifest;
import io.hybridpipe.spark.testing.TestTweets;
import io.hybridpipe.spark.writer.StorageLayout;
import io.hybridpipe.spark.writer.WrittenFile;

/**
 * Opt-in: the Redshift dialect against a real Amazon Redshift and S3. Runs when HYBRIDPIPE_REDSHIFT_URL
 * (jdbc:redshift://...), HYBRIDPIPE_REDSHIFT_USER, HYBRIDPIPE_REDSHIFT_IAM_ROLE (a role the cluster may
 * assume to read the bucket) and HYBRIDPIPE_S3_BUCKET are set; the password comes from
 * HYBRIDPIPE_WAREHOUSE_PASSWORD, S3 credentials from the AWS default chain. It works in a schema of its
 * own and drops it at the end.
 */
@EnabledIfEnvironmentVariable(named = "HYBRIDPIPE_REDSHIFT_URL", matches = "jdbc:redshift:.+")
class RedshiftLiveTest {

    @Test
    void copyMergeAuditAndLoadErrorsOnRealRedshift() throws Exception {
        String schema = "hybridpipe_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Configuration conf = new Configuration();
        conf.set("fs.s3a.endpoint.region", System.getenv().getOrDefault("HYBRIDPIPE_S3_REGION", "us-east-1"));
        StorageLayout layout = new StorageLayout("s3a://" + System.getenv("HYBRIDPIPE_S3_BUCKET") + "/hybridpipe-it/" + schema);
        ConnectionFactory connections = ConnectionFactory.fromEnvironment(System.getenv("HYBRIDPIPE_REDSHIFT_URL"),
                System.getenv("HYBRIDPIPE_REDSHIFT_USER"), "HYBRIDPIPE_WAREHOUSE_PASSWORD");
        WarehouseLoader loader = new WarehouseLoader(connections, new RedshiftDialect(System.getenv("HYBRIDPIPE_REDSHIFT_IAM_ROLE")),
                new WarehouseTable(schema, "tweets"));
        try {
            loader.ensureTables();
            List<CanonicalTweet> tweets = StagedBatch.normalize(new TestTweets(99).messages(77_000, 20));
            LoadRequest request = StagedBatch.stage(conf, layout, new KafkaRange("onprem.tweets", 0, 0, 20),
                    List.of(tweets.subList(0, 12), tweets.subList(8, 20)));

            assertThat(loader.load(request).merged()).isEqualTo(20);
            assertThat(loader.load(request).skipped()).isTrue();
            assertThat(count(connections, "SELECT count(*) FROM " + schema + ".tweets")).isEqualTo(20);

            // a manifest pointing at a file that is not Parquet: Redshift's own diagnostic must surface
            Path notParquet = new Path(layout.baseUri() + "/dt=2026-11-28/hr=05/not-parquet.parquet");
            try (var out = notParquet.getFileSystem(conf).create(notParquet, true)) {
                out.write("this is not parquet".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            BatchRanges badBatch = new BatchRanges(List.of(new KafkaRange("onprem.tweets", 0, 20, 21)));
            Path manifest = layout.manifest(badBatch);
            RedshiftManifest.write(conf, manifest, List.of(new WrittenFile(notParquet.toString(), 19, 1)));
            LoadRequest bad = new LoadRequest(StorageLayout.warehouseUri(manifest.toString()), badBatch, 1, 1);
            assertThatThrownBy(() -> loader.load(bad)).isInstanceOf(WarehouseLoadException.class)
                    .hasMessageContaining("not-parquet.parquet");
        } finally {
            try (Connection c = connections.open(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static long count(ConnectionFactory connections, String sql) throws Exception {
        try (Connection c = connections.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
