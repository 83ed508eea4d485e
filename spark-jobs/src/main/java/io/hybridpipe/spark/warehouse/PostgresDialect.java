package io.hybridpipe.spark.warehouse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.postgresql.PGConnection;

import io.hybridpipe.core.ddl.SqlDialect;
import io.hybridpipe.core.tweet.TweetSchema;
import io.hybridpipe.spark.batch.RedshiftManifest;
import io.hybridpipe.spark.writer.StorageLayout;
import io.hybridpipe.spark.writer.TweetFileFormat;

/**
 * PostgreSQL (the local warehouse; also Aurora/RDS PostgreSQL), which cannot read S3 itself. The streaming job has
 * its executors stage the rows ({@link PostgresRowStager}); for a load request without staged rows the manifest's
 * files are read here through Hadoop (S3A) and streamed in with {@code COPY ... FROM STDIN}.
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
    public boolean mergesFromSubquery() {
        return true;
    }

    @Override
    public boolean acceptsExecutorStaging() {
        return true;
    }

    /** The next file is read and converted while the previous one is being copied in. */
    @Override
    public void loadStaging(Connection c, String stagingTable, LoadRequest request, Consumer<String> statementLog)
            throws SQLException {
        String copy = "COPY " + WarehouseTable.requireIdentifier(stagingTable, "staging table")
                + " (" + String.join(", ", TweetSchema.columnNames()) + ") FROM STDIN (FORMAT csv)";
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "warehouse-file-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<RedshiftManifest.Entry> entries =
                    RedshiftManifest.read(conf, new Path(StorageLayout.hadoopUri(request.manifestUri())));
            Future<byte[]> next = entries.isEmpty() ? null : reader.submit(() -> csv(entries.get(0)));
            for (int i = 0; i < entries.size(); i++) {
                byte[] rows = next.get();
                next = i + 1 < entries.size() ? reader.submit(csvOf(entries.get(i + 1))) : null;
                statementLog.accept(copy);
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(rows));
            }
        } catch (IOException | ExecutionException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new SQLException("could not read the files of " + request.manifestUri() + ": " + cause.getMessage(),
                    "58030", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while loading " + request.manifestUri(), "57014", e);
        } finally {
            reader.shutdownNow();
        }
    }

    private Callable<byte[]> csvOf(RedshiftManifest.Entry entry) {
        return () -> csv(entry);
    }

    private byte[] csv(RedshiftManifest.Entry entry) throws IOException {
        CsvRows.Buffer csv = new CsvRows.Buffer();
        format.forEachRecord(conf, new Path(StorageLayout.hadoopUri(entry.url())), r -> CsvRows.append(csv, r));
        return csv.toByteArray();
    }

    @Override
    public String describeFailure(Connection c, SQLException failure) {
        return failure.getMessage();
    }
}
