package io.hybridpipe.core.tweet;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the rule that schema changes are additive. Every released version of {@code tweet.avsc} is kept in
 * {@code src/test/resources/io/hybridpipe/core/schema-history/}; when the schema changes, add the new version there.
 */
class SchemaEvolutionTest {

    private static Schema released(String file) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/io/hybridpipe/core/schema-history/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tweet-v1.avsc"})
    void theCurrentSchemaReadsDataWrittenWithEveryReleasedOne(String file) throws IOException {
        Schema old = released(file);
        SchemaCompatibility.SchemaPairCompatibility readOld = SchemaCompatibility.checkReaderWriterCompatibility(TweetSchema.avro(), old);
        assertThat(readOld.getType()).as(readOld.getDescription()).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        SchemaCompatibility.SchemaPairCompatibility oldReadsNew = SchemaCompatibility.checkReaderWriterCompatibility(old, TweetSchema.avro());
        assertThat(oldReadsNew.getType()).as(oldReadsNew.getDescription()).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    /** Redshift's Parquet COPY maps columns by position and ALTER TABLE ADD COLUMN appends: new fields go last. */
    @ParameterizedTest
    @ValueSource(strings = {"tweet-v1.avsc"})
    void releasedFieldsKeepTheirNamesAndPositions(String file) throws IOException {
        List<String> oldNames = released(file).getFields().stream().map(Schema.Field::name).toList();
        List<String> current = TweetSchema.columnNames();
        assertThat(current.size()).isGreaterThanOrEqualTo(oldNames.size());
        assertThat(current.subList(0, oldNames.size())).isEqualTo(oldNames);
        for (Schema.Field added : TweetSchema.avro().getFields().subList(oldNames.size(), current.size())) {
            assertThat(added.schema().isNullable() && added.hasDefaultValue()).as(added.name() + " must be nullable with a default").isTrue();
        }
    }
}
