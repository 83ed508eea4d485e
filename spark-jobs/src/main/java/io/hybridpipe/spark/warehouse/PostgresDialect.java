package io.hybridpipe.spark.warehouse;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.postgresql.PGConnection;

import io.hybridpipe.core.ddl.SqlDialect;
import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetSchema;
import io.hybridpipe.spark.batch.RedshiftManifest;
import io.hybridpipe.spark.writer.StorageLayout;
import io.hybridpipe.spark.writer.TweetFileFormat;

/**
 * PostgreSQL (the local warehouse; also Aurora/RDS PostgreSQL), which cannot read S3 itself: the
 * manifest's files are read here through Hadoop (S3A) and streamed in with {@code COPY ... FROM STDIN}.
 * Failures carry PostgreSQL's message, detail and COPY line/column context.
 */
public final class PostgresDialect implements WarehouseDialect {

    private final Configuration conf;
    private final TweetFileFormat format;

    public PostgresDialect(Configuration conf, TweetFileFormat format) {
        this.conf = conf;
        this.format = format;
    }

    @Override
    public SqlDialect ddlDialect() {
        return SqlDialect.POSTGRESQL;
    }

    @Override
    public String longTextType() {
        return "TEXT";
    }

    @Override
    public void loadStaging(Connection c, String stagingTable, LoadRequest request, Consumer<String> statementLog)
            throws SQLException {
        String copy = "COPY " + WarehouseTable.requireIdentifier(stagingTable, "staging table")
                + " (" + String.join(", ", TweetSchema.columnNames()) + ") FROM STDIN (FORMAT csv)";
        try {
            Path manifest = new Path(StorageLayout.hadoopUri(request.manifestUri()));
            for (RedshiftManifest.Entry entry : RedshiftManifest.read(conf, manifest)) {
                StringBuilder csv = new StringBuilder();
                for (CanonicalTweet t : format.read(conf, new Path(StorageLayout.hadoopUri(entry.url())))) {
                    CsvRows.append(csv, t);
                }
                statementLog.accept(copy);
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(csv.toString()));
            }
        } catch (IOException e) {
            throw new SQLException("could not read the files of " + request.manifestUri() + ": " + e.getMessage(), "58030", e);
        }
    }

    @Override
    public String describeFailure(Connection c, SQLException failure) {
        return failure.getMessage();
    }
}
