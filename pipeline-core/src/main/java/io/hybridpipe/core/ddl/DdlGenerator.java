package io.hybridpipe.core.ddl;

import io.hybridpipe.core.tweet.TweetSchema;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DDL for the canonical tweet table, generated from {@link TweetSchema#avro()} so every engine has the same columns
 * in the same order. Statements carry no trailing semicolon (Hive JDBC rejects one). Schema changes are additive:
 * {@link #addMissingColumns} adds what the table lacks and never drops or alters a column.
 *
 * <p><b>Hive</b>: {@code EXTERNAL} (dropping the table never deletes the immutable raw layer), partitioned by
 * {@code (dt STRING, hr INT)} matching {@code PartitionPath}, {@code STORED AS PARQUET}.
 *
 * <p><b>Redshift</b>:
 * <ul>
 *   <li>{@code DISTSTYLE KEY DISTKEY(id)}: each load is a {@code MERGE} of a staging table into {@code tweets} joined
 *       on {@code id}; when both tables are distributed on {@code id} the join is node-local and no rows are
 *       redistributed. Snowflake ids are high-cardinality, so the distribution is even.</li>
 *   <li>{@code SORTKEY(created_at)}: queries are time-bounded and tweets arrive roughly in {@code created_at} order,
 *       so zone maps prune most blocks and the unsorted region stays small between VACUUMs.</li>
 *   <li>{@code payload VARCHAR(65535)}, not {@code SUPER}: the payload is the audit copy of the message and must stay
 *       byte-exact; {@code SUPER} parses and re-serialises JSON (key order, number formats and escapes change) and
 *       loading Parquet strings into it needs a {@code JSON_PARSE} pass. The price is the 65535-byte cap: a larger
 *       message is quarantined with its reason ({@code TweetSchema.oversizedColumns}) instead of being truncated,
 *       and stays whole in HDFS and S3, from which it can be re-published.</li>
 *   <li>Lists (hashtags, mentions, urls, rule tags) are {@code SUPER} arrays: Redshift has no array type, and
 *       {@code COPY ... FORMAT PARQUET SERIALIZETOJSON} loads Parquet LIST columns into {@code SUPER}.</li>
 *   <li>{@code PRIMARY KEY(id)} is informational in Redshift (not enforced) but lets the planner use uniqueness;
 *       the MERGE is what keeps ids unique.</li>
 *   <li>Timestamps are {@code TIMESTAMP} holding UTC.</li>
 * </ul>
 *
 * <p><b>PostgreSQL</b> mirrors Redshift (same columns, widths and primary key, which PostgreSQL enforces) with
 * {@code JSONB} for {@code SUPER}; it has no distribution or sort keys.
 */
public final class DdlGenerator {
    private DdlGenerator() {
    }

    /**
     * {@code CREATE [EXTERNAL] TABLE IF NOT EXISTS} for the canonical tweet table.
     *
     * @param schemaOrDb Hive database or Redshift/PostgreSQL schema
     * @param location   Hive table location (e.g. {@code hdfs://nn:8020/data/tweets}); must be empty for other dialects
     */
    public static String createTable(SqlDialect dialect, String schemaOrDb, String table, Optional<String> location) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(location, "location");
        String name = qualifiedName(dialect, schemaOrDb, table);
        if (dialect != SqlDialect.HIVE && location.isPresent()) {
            throw new IllegalArgumentException(dialect + " tables have no LOCATION");
        }
        List<Schema.Field> fields = TweetSchema.avro().getFields();
        StringBuilder sql = new StringBuilder();
        sql.append(dialect == SqlDialect.HIVE ? "CREATE EXTERNAL TABLE IF NOT EXISTS " : "CREATE TABLE IF NOT EXISTS ")
                .append(name).append(" (\n");
        for (int i = 0; i < fields.size(); i++) {
            Schema.Field f = fields.get(i);
            sql.append("  ").append(column(dialect, f.name())).append(' ').append(ColumnTypes.of(dialect, f));
            if (dialect != SqlDialect.HIVE && !ColumnTypes.nullable(f)) {
                sql.append(" NOT NULL");
            }
            boolean last = i == fields.size() - 1;
            sql.append(last && dialect == SqlDialect.HIVE ? "\n" : ",\n");
        }
        switch (dialect) {
            case HIVE -> {
                sql.append(")\nPARTITIONED BY (`dt` STRING, `hr` INT)\nSTORED AS PARQUET");
                location.ifPresent(l -> sql.append("\nLOCATION '").append(Identifiers.location(l)).append('\''));
            }
            case REDSHIFT -> sql.append("  PRIMARY KEY (id)\n)\nDISTSTYLE KEY\nDISTKEY (id)\nSORTKEY (created_at)");
            case POSTGRESQL -> sql.append("  PRIMARY KEY (id)\n)");
        }
        return sql.toString();
    }

    /**
     * The statements that add every schema column missing from {@code existingColumns} (compared case-insensitively),
     * in schema order; empty when nothing is missing. Columns the table has beyond the schema are left alone.
     * Added columns are nullable whatever the schema says, because existing rows have no value for them.
     */
    public static List<String> addMissingColumns(SqlDialect dialect, String schemaOrDb, String table, Set<String> existingColumns) {
        Objects.requireNonNull(dialect, "dialect");
        String name = qualifiedName(dialect, schemaOrDb, table);
        Set<String> existing = existingColumns.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<Schema.Field> missing = new ArrayList<>();
        for (Schema.Field f : TweetSchema.avro().getFields()) {
            if (!existing.contains(f.name().toLowerCase(Locale.ROOT))) {
                missing.add(f);
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        if (dialect == SqlDialect.HIVE) {
            // one statement: Hive adds a column list at once; existing partitions read the new columns as NULL
            String cols = missing.stream()
                    .map(f -> column(dialect, f.name()) + " " + ColumnTypes.of(dialect, f))
                    .collect(Collectors.joining(", "));
            return List.of("ALTER TABLE " + name + " ADD COLUMNS (" + cols + ")");
        }
        // Redshift accepts one column per ALTER TABLE; PostgreSQL gets the same shape, made idempotent
        String ifNotExists = dialect == SqlDialect.POSTGRESQL ? "IF NOT EXISTS " : "";
        List<String> statements = new ArrayList<>(missing.size());
        for (Schema.Field f : missing) {
            statements.add("ALTER TABLE " + name + " ADD COLUMN " + ifNotExists + f.name() + " " + ColumnTypes.of(dialect, f));
        }
        return statements;
    }

    private static String qualifiedName(SqlDialect dialect, String schemaOrDb, String table) {
        return column(dialect, Identifiers.identifier(schemaOrDb, "schemaOrDb")) + "."
                + column(dialect, Identifiers.identifier(table, "table"));
    }

    private static String column(SqlDialect dialect, String name) {
        return dialect == SqlDialect.HIVE ? "`" + name + "`" : name;
    }

    /** Avro type to column type, per dialect. */
    static final class ColumnTypes {
        private ColumnTypes() {
        }

        static boolean nullable(Schema.Field f) {
            return f.schema().isNullable();
        }

        static String of(SqlDialect dialect, Schema.Field f) {
            Schema s = nonNull(f.schema());
            return switch (s.getType()) {
                case STRING -> dialect == SqlDialect.HIVE ? "STRING"
                        : "VARCHAR(" + TweetSchema.maxBytes(f).orElseThrow(() -> new IllegalStateException(
                                "string field " + f.name() + " lacks " + TweetSchema.MAX_BYTES_PROPERTY)) + ")";
                case BOOLEAN -> "BOOLEAN";
                case INT -> "INT";
                case LONG -> s.getLogicalType() instanceof LogicalTypes.TimestampMillis ? "TIMESTAMP" : "BIGINT";
                case DOUBLE -> dialect == SqlDialect.HIVE ? "DOUBLE" : "DOUBLE PRECISION";
                case ARRAY -> switch (dialect) {
                    case HIVE -> "ARRAY<" + of(dialect, new Schema.Field("item", s.getElementType())) + ">";
                    case REDSHIFT -> "SUPER";
                    case POSTGRESQL -> "JSONB";
                };
                default -> throw new IllegalStateException("no " + dialect + " type for field " + f.name() + " of type " + s);
            };
        }

        private static Schema nonNull(Schema s) {
            if (s.getType() != Schema.Type.UNION) {
                return s;
            }
            for (Schema branch : s.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch;
                }
            }
            throw new IllegalStateException("union without a non-null branch: " + s);
        }
    }
}
