package io.hybridpipe.core.ddl;

import io.hybridpipe.core.tweet.TweetSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DdlGeneratorTest {
    private static final Pattern HIVE_COLUMN = Pattern.compile("  `([a-z_]+)` ([A-Z<>]+),?");
    private static final Pattern SQL_COLUMN = Pattern.compile("  ([a-z_]+) ([A-Z]+(?:\\(\\d+\\))?)( NOT NULL)?,");

    /** The column lines of a CREATE TABLE, name to type (with NOT NULL when present), in order. */
    private static Map<String, String> columns(String ddl, Pattern column) {
        Map<String, String> cols = new LinkedHashMap<>();
        for (String line : ddl.split("\n")) {
            Matcher m = column.matcher(line);
            if (m.matches()) {
                cols.put(m.group(1), m.group(2) + (m.groupCount() > 2 && m.group(3) != null ? m.group(3) : ""));
            }
        }
        return cols;
    }

    @Test
    void hiveTableIsExternalPartitionedParquetAtItsLocation() {
        String ddl = DdlGenerator.createTable(SqlDialect.HIVE, "raw", "tweets", Optional.of("hdfs://namenode:8020/data/raw/tweets"));
        List<String> lines = List.of(ddl.split("\n"));
        assertThat(lines.get(0)).isEqualTo("CREATE EXTERNAL TABLE IF NOT EXISTS `raw`.`tweets` (");
        int close = lines.indexOf(")");
        assertThat(close).isEqualTo(TweetSchema.columnNames().size() + 1);
        assertThat(lines.subList(close + 1, lines.size())).containsExactly(
                "PARTITIONED BY (`dt` STRING, `hr` INT)",
                "STORED AS PARQUET",
                "LOCATION 'hdfs://namenode:8020/data/raw/tweets'");
        assertThat(lines.get(close - 1)).doesNotEndWith(",");
        assertThat(ddl).doesNotContain(";");

        Map<String, String> cols = columns(ddl, HIVE_COLUMN);
        assertThat(List.copyOf(cols.keySet())).isEqualTo(TweetSchema.columnNames()).doesNotContain("dt", "hr");
        assertThat(cols).containsEntry("id", "STRING")
                .containsEntry("is_retweet", "BOOLEAN")
                .containsEntry("created_at", "TIMESTAMP")
                .containsEntry("ingested_at", "TIMESTAMP")
                .containsEntry("retweet_count", "BIGINT")
                .containsEntry("hashtags", "ARRAY<STRING>")
                .containsEntry("payload", "STRING");
    }

    @Test
    void hiveTableWithoutLocationUsesTheWarehouseDefault() {
        String ddl = DdlGenerator.createTable(SqlDialect.HIVE, "raw", "tweets", Optional.empty());
        assertThat(ddl).doesNotContain("LOCATION").endsWith("STORED AS PARQUET");
    }

    @Test
    void redshiftTableIsDistributedOnIdAndSortedOnCreatedAt() {
        String ddl = DdlGenerator.createTable(SqlDialect.REDSHIFT, "analytics", "tweets", Optional.empty());
        List<String> lines = List.of(ddl.split("\n"));
        assertThat(lines.get(0)).isEqualTo("CREATE TABLE IF NOT EXISTS analytics.tweets (");
        assertThat(lines.subList(lines.size() - 5, lines.size()))
                .containsExactly("  PRIMARY KEY (id)", ")", "DISTSTYLE KEY", "DISTKEY (id)", "SORTKEY (created_at)");
        assertThat(ddl).doesNotContain(";");

        Map<String, String> cols = columns(ddl, SQL_COLUMN);
        assertThat(List.copyOf(cols.keySet())).isEqualTo(TweetSchema.columnNames());
        assertThat(cols).containsEntry("id", "VARCHAR(32) NOT NULL")
                .containsEntry("text", "VARCHAR(16384) NOT NULL")
                .containsEntry("source", "VARCHAR(1024)")
                .containsEntry("is_retweet", "BOOLEAN NOT NULL")
                .containsEntry("created_at", "TIMESTAMP NOT NULL")
                .containsEntry("like_count", "BIGINT")
                .containsEntry("hashtags", "SUPER NOT NULL")
                .containsEntry("matching_rule_tags", "SUPER NOT NULL")
                .containsEntry("payload", "VARCHAR(65535) NOT NULL");
        for (Map.Entry<String, String> c : cols.entrySet()) {
            Matcher width = Pattern.compile("VARCHAR\\((\\d+)\\)").matcher(c.getValue());
            if (width.find()) {
                assertThat(Integer.parseInt(width.group(1))).as(c.getKey()).isBetween(1, 65535);
            }
        }
    }

    @Test
    void postgresqlTableMirrorsRedshiftWithJsonbAndNoDistribution() {
        String ddl = DdlGenerator.createTable(SqlDialect.POSTGRESQL, "analytics", "tweets", Optional.empty());
        Map<String, String> pg = columns(ddl, SQL_COLUMN);
        Map<String, String> rs = columns(DdlGenerator.createTable(SqlDialect.REDSHIFT, "analytics", "tweets", Optional.empty()), SQL_COLUMN);
        assertThat(pg.keySet()).isEqualTo(rs.keySet());
        for (String column : pg.keySet()) {
            assertThat(pg.get(column)).as(column).isEqualTo(rs.get(column).replace("SUPER", "JSONB"));
        }
        assertThat(ddl).endsWith("  PRIMARY KEY (id)\n)").doesNotContain("DISTKEY", "SORTKEY", "SUPER", ";");
    }

    @ParameterizedTest
    @EnumSource(value = SqlDialect.class, names = {"REDSHIFT", "POSTGRESQL"})
    void warehouseTablesHaveNoLocation(SqlDialect dialect) {
        assertThatThrownBy(() -> DdlGenerator.createTable(dialect, "a", "t", Optional.of("s3://b/t")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tweets; DROP TABLE x", "t`", "t\"", "1tweets", "", "a.b", "tw eets", "t--"})
    void invalidIdentifiersAreRejectedForEveryDialect(String bad) {
        for (SqlDialect d : SqlDialect.values()) {
            assertThatThrownBy(() -> DdlGenerator.createTable(d, "raw", bad, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DdlGenerator.createTable(d, bad, "tweets", Optional.empty())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DdlGenerator.addMissingColumns(d, "raw", bad, Set.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hdfs://nn/x' STORED AS TEXTFILE --", "hdfs://nn/x\\", "hdfs://nn/a b", "", "s3a://b/x\n"})
    void invalidLocationsAreRejected(String bad) {
        assertThatThrownBy(() -> DdlGenerator.createTable(SqlDialect.HIVE, "raw", "tweets", Optional.of(bad)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void nothingToAddWhenTheTableHasEveryColumnInAnyCase(SqlDialect dialect) {
        Set<String> existing = new HashSet<>();
        TweetSchema.columnNames().forEach(c -> existing.add(c.toUpperCase()));
        existing.add("legacy_column");
        assertThat(DdlGenerator.addMissingColumns(dialect, "s", "tweets", existing)).isEmpty();
    }

    @Test
    void hiveAddsMissingColumnsInOneStatementAndNeverDrops() {
        Set<String> existing = new HashSet<>(TweetSchema.columnNames());
        existing.remove("quote_count");
        existing.remove("urls");
        existing.add("legacy_column");
        assertThat(DdlGenerator.addMissingColumns(SqlDialect.HIVE, "raw", "tweets", existing))
                .containsExactly("ALTER TABLE `raw`.`tweets` ADD COLUMNS (`quote_count` BIGINT, `urls` ARRAY<STRING>)");
    }

    @Test
    void redshiftAddsOneNullableColumnPerStatement() {
        Set<String> existing = new HashSet<>(TweetSchema.columnNames());
        existing.remove("lang");
        existing.remove("payload");
        assertThat(DdlGenerator.addMissingColumns(SqlDialect.REDSHIFT, "analytics", "tweets", existing)).containsExactly(
                "ALTER TABLE analytics.tweets ADD COLUMN lang VARCHAR(16)",
                "ALTER TABLE analytics.tweets ADD COLUMN payload VARCHAR(65535)");
    }

    @Test
    void postgresqlAddsColumnsIdempotently() {
        Set<String> existing = new HashSet<>(TweetSchema.columnNames());
        existing.remove("hashtags");
        assertThat(DdlGenerator.addMissingColumns(SqlDialect.POSTGRESQL, "analytics", "tweets", existing))
                .containsExactly("ALTER TABLE analytics.tweets ADD COLUMN IF NOT EXISTS hashtags JSONB");
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void anEmptyTableGetsEveryColumnAndNoStatementDropsAnything(SqlDialect dialect) {
        List<String> statements = DdlGenerator.addMissingColumns(dialect, "s", "t", Set.of("something_else"));
        String all = String.join("\n", statements);
        for (String column : TweetSchema.columnNames()) {
            assertThat(all).contains(column);
        }
        assertThat(all.toUpperCase()).doesNotContain("DROP", "NOT NULL");
    }
}
