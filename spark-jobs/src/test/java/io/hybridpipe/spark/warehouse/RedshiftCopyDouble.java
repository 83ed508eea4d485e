package io.hybridpipe.spark.warehouse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.hybridpipe.core.ddl.SqlDialect;
import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetAvro;
import io.hybridpipe.core.tweet.TweetSchema;
import io.hybridpipe.spark.batch.RedshiftManifest;
import io.hybridpipe.spark.writer.ParquetTweetFormat;
import io.hybridpipe.spark.writer.StorageLayout;

/**
 * Test double for the one thing PostgreSQL cannot do in Redshift's place: {@code COPY ... FROM 's3://'}.
 * It records the real {@link RedshiftDialect} COPY statement, then stages the manifest's rows with plain
 * INSERTs through the same (redshift-jdbc42) connection; everything else the loader issues runs for real.
 */
final class RedshiftCopyDouble implements WarehouseDialect {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedshiftDialect redshift;
    private final Configuration conf;

    RedshiftCopyDouble(RedshiftDialect redshift, Configuration conf) {
        this.redshift = redshift;
        this.conf = conf;
    }

    @Override
    public SqlDialect ddlDialect() {
        return SqlDialect.REDSHIFT;
    }

    @Override
    public void loadStaging(Connection c, String stagingTable, LoadRequest request, Consumer<String> statementLog)
            throws SQLException {
        statementLog.accept(redshift.copyStatement(stagingTable, request.manifestUri()));
        List<Schema.Field> fields = TweetSchema.avro().getFields();
        String placeholders = fields.stream()
                .map(f -> f.schema().getType() == Schema.Type.ARRAY ? "CAST(? AS jsonb)" : "?")
                .collect(Collectors.joining(", "));
        String insert = "INSERT INTO " + stagingTable + " VALUES (" + placeholders + ")";
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (RedshiftManifest.Entry e : RedshiftManifest.read(conf, new Path(StorageLayout.hadoopUri(request.manifestUri())))) {
                for (CanonicalTweet t : new ParquetTweetFormat().read(conf, new Path(StorageLayout.hadoopUri(e.url())))) {
                    bind(ps, fields, TweetAvro.toRecord(t));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        } catch (IOException e) {
            throw new SQLException("test double could not read " + request.manifestUri(), e);
        }
    }

    private static void bind(PreparedStatement ps, List<Schema.Field> fields, GenericRecord r) throws SQLException, IOException {
        for (int i = 0; i < fields.size(); i++) {
            Object v = r.get(i);
            int p = i + 1;
            if (v == null) {
                ps.setObject(p, null);
            } else if (v instanceof Long millis && isTimestamp(fields.get(i))) {
                ps.setTimestamp(p, Timestamp.valueOf(java.time.LocalDateTime.ofInstant(Instant.ofEpochMilli(millis),
                        java.time.ZoneOffset.UTC)));
            } else if (v instanceof Long l) {
                ps.setLong(p, l);
            } else if (v instanceof Boolean b) {
                ps.setBoolean(p, b);
            } else if (v instanceof List<?> list) {
                ps.setString(p, JSON.writeValueAsString(list));
            } else {
                ps.setString(p, v.toString());
            }
        }
    }

    private static boolean isTimestamp(Schema.Field f) {
        Schema s = f.schema().isUnion() ? f.schema().getTypes().get(1) : f.schema();
        return s.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    @Override
    public String describeFailure(Connection c, SQLException failure) {
        return redshift.describeFailure(c, failure);
    }
}
