package io.hybridpipe.local.stack;

import java.io.PrintStream;

import io.hybridpipe.embedded.postgres.EmbeddedPostgresServer;
import io.hybridpipe.embedded.s3.EmbeddedS3;

/** Prints how to reach each engine of a running stack with the user's own tools. */
public final class ConnectionInfo {

    /** The S3 secret is printed only when it is S3Proxy's fixed local test key, which protects nothing. */
    private static final String LOCAL_TEST_SECRET = new EmbeddedS3().secretKey();

    private ConnectionInfo() {
    }

    public static void print(LocalStack stack, String warehouseSchema, PrintStream out) {
        out.println();
        out.println("Connect with your own tools:");
        out.println("  Kafka onprem      bootstrap.servers=" + stack.onprem().bootstrapServers() + "  topic " + LocalStack.TOPIC);
        out.println("  Kafka aws         bootstrap.servers=" + stack.aws().bootstrapServers() + "  topic " + LocalStack.TOPIC
                + " (MirrorMaker 2 replica)");
        out.println("  Hive (HiveServer2) " + stack.hive().jdbcUrl() + "  (any user, no password; table default.tweets)");
        out.println("  HDFS              " + stack.hdfs().hdfsUri() + "/data/raw/tweets");
        EmbeddedS3 s3 = stack.s3();
        out.println("  S3 endpoint       " + s3.endpoint() + "  region " + s3.region() + "  bucket " + LocalStack.BUCKET
                + "  (path-style access)");
        out.println("  S3 access key     " + s3.accessKey());
        if (s3.secretKey().equals(LOCAL_TEST_SECRET)) {
            out.println("  S3 secret key     " + s3.secretKey() + "  (S3Proxy's fixed local test key, not a real secret)");
        } else {
            out.println("  S3 secret key     (not shown: the one you configured)");
        }
        out.println("  PostgreSQL        " + stack.postgres().jdbcUrl() + "  user " + EmbeddedPostgresServer.SUPERUSER
                + ", no password (trust on 127.0.0.1); warehouse table " + warehouseSchema + ".tweets");
        out.println("  X API emulator    " + stack.x().baseUrl() + "  (a test double of X; its bearer token is generated"
                + " per run and handed to NiFi as a sensitive parameter)");
        out.println();
    }
}
