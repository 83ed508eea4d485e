package io.hybridpipe.core.tweet;

import io.hybridpipe.core.testing.GeneratedTweet;
import io.hybridpipe.core.testing.TweetGenerator;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TweetSchemaTest {
    private static final Instant INGESTED = Instant.parse("2026-11-28T12:00:05.123Z");

    private static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase();
    }

    @Test
    void schemaFieldsAreTheRecordComponentsInOrder() {
        List<String> components = new ArrayList<>();
        for (RecordComponent c : CanonicalTweet.class.getRecordComponents()) {
            components.add(snake(c.getName()));
        }
        assertThat(TweetSchema.columnNames()).isEqualTo(components);
    }

    @Test
    void schemaCoversTheColumnsOfThe2016DemoAndTheV2Extras() {
        assertThat(TweetSchema.columnNames()).contains(
                "id", "text", "source", "is_retweet", "author_username", "author_name", "author_location", "author_description",
                "created_at", "retweet_count", "in_reply_to_user_id", "in_reply_to_tweet_id",
                "author_followers_count", "author_following_count", "author_tweet_count",
                "lang", "conversation_id", "like_count", "reply_count", "quote_count",
                "hashtags", "mentions", "urls", "matching_rule_tags", "ingested_at", "payload");
    }

    @Test
    void everyNullableFieldDefaultsToNullAndEveryStringHasASqlWidth() {
        for (Schema.Field f : TweetSchema.avro().getFields()) {
            if (f.schema().isNullable()) {
                assertThat(f.hasDefaultValue()).as(f.name()).isTrue();
                assertThat(f.schema().getTypes().get(0).getType()).as(f.name()).isEqualTo(Schema.Type.NULL);
            }
            boolean isString = f.schema().getType() == Schema.Type.STRING
                    || (f.schema().isUnion() && f.schema().getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.STRING));
            assertThat(TweetSchema.maxBytes(f).isPresent()).as(f.name()).isEqualTo(isString);
        }
        assertThat(TweetSchema.avro().getField("created_at").schema().getLogicalType()).isInstanceOf(LogicalTypes.TimestampMillis.class);
    }

    @Test
    void recordsSurviveAnAvroBinaryRoundTrip() throws IOException, InvalidTweetException {
        TweetNormalizer normalizer = new TweetNormalizer();
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(TweetSchema.avro());
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(TweetSchema.avro());
        for (GeneratedTweet g : new TweetGenerator(42L, INGESTED).next(500)) {
            CanonicalTweet t = normalizer.normalize(g.json(), INGESTED);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(TweetAvro.toRecord(t), enc);
            enc.flush();
            GenericRecord back = reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
            assertThat(TweetAvro.fromRecord(back)).isEqualTo(t);
        }
    }

    @Test
    void recordsFromAnOlderSchemaReadNewFieldsAsAbsent() {
        Schema old = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"CanonicalTweet\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"text\",\"type\":\"string\"},"
                + "{\"name\":\"created_at\",\"type\":\"long\"},{\"name\":\"ingested_at\",\"type\":\"long\"},"
                + "{\"name\":\"payload\",\"type\":\"string\"}]}");
        GenericRecord r = new org.apache.avro.generic.GenericData.Record(old);
        r.put("id", "1");
        r.put("text", "t");
        r.put("created_at", 1000L);
        r.put("ingested_at", 2000L);
        r.put("payload", "{}");
        CanonicalTweet t = TweetAvro.fromRecord(r);
        assertThat(t.createdAt()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(t.lang()).isNull();
        assertThat(t.hashtags()).isEmpty();
    }

    @Test
    void aRecordOfAnotherShapeIsRefused() {
        Schema other = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        assertThatThrownBy(() -> TweetAvro.fromRecord(new org.apache.avro.generic.GenericData.Record(other)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oversizedColumnsAreNamedWithTheirSizes() throws InvalidTweetException {
        String bigText = "é".repeat(9000); // 18000 bytes > 16384
        String json = "{\"data\":{\"id\":\"1\",\"text\":\"" + bigText + "\",\"created_at\":\"2026-11-28T00:00:00.000Z\"},\"pad\":\""
                + "x".repeat(60_000) + "\"}";
        CanonicalTweet t = new TweetNormalizer().normalize(json, INGESTED);
        List<String> over = TweetSchema.oversizedColumns(t);
        assertThat(over).hasSize(2);
        assertThat(over.get(0)).isEqualTo("text (18000 bytes > 16384)");
        assertThat(over.get(1)).startsWith("payload (").endsWith(" bytes > 65535)");
    }

    @Test
    void theSchemaIsTheCheckedInResource() {
        assertThat(TweetSchema.class.getResource(TweetSchema.RESOURCE)).isNotNull();
        assertThat(TweetSchema.avro().getFullName()).isEqualTo("io.hybridpipe.core.tweet.CanonicalTweet");
        assertThat(Arrays.asList(TweetSchema.avro().getDoc().split(" "))).contains("additive");
    }

    @Test
    void nulCharactersAreAWarehouseRejectionWhereverTheyAre() throws InvalidTweetException {
        String json = "{\"data\":{\"id\":\"1\",\"text\":\"a\\u0000b\",\"created_at\":\"2026-11-28T00:00:00.000Z\","
                + "\"entities\":{\"hashtags\":[{\"tag\":\"x\\u0000\"}]}}}";
        CanonicalTweet t = new TweetNormalizer().normalize(json, INGESTED);
        assertThat(TweetSchema.warehouseRejections(t)).containsExactly("text contains U+0000", "hashtags contains U+0000");
        assertThat(TweetSchema.oversizedColumns(t)).isEmpty();
    }

    @Test
    void generatedTweetsHaveNoWarehouseRejections() throws InvalidTweetException {
        TweetNormalizer normalizer = new TweetNormalizer();
        for (GeneratedTweet g : new TweetGenerator(12L, INGESTED).next(200)) {
            assertThat(TweetSchema.warehouseRejections(normalizer.normalize(g.json(), INGESTED))).isEmpty();
        }
    }

    @Test
    void theChecksOnAnAlreadyBuiltRecordGiveTheSameReasonsAsOnTheTweet() throws InvalidTweetException {
        String json = "{\"data\":{\"id\":\"1\",\"text\":\"" + "é".repeat(9000) + "\\u0000\",\"created_at\":"
                + "\"2026-11-28T00:00:00.000Z\"}}";
        CanonicalTweet t = new TweetNormalizer().normalize(json, INGESTED);
        org.apache.avro.generic.GenericRecord record = TweetAvro.toRecord(t);

        assertThat(TweetSchema.warehouseRejections(record))
                .containsExactly("text (18001 bytes > 16384)", "text contains U+0000")
                .isEqualTo(TweetSchema.warehouseRejections(t));
        assertThat(TweetSchema.oversizedColumns(record)).isEqualTo(TweetSchema.oversizedColumns(t));
        record.put("text", new org.apache.avro.util.Utf8("é".repeat(9000)));
        assertThat(TweetSchema.oversizedColumns(record)).containsExactly("text (18000 bytes > 16384)");
    }

    @Test
    void aRecordOfAnotherSchemaIsNotChecked() {
        Schema other = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        assertThatThrownBy(() -> TweetSchema.warehouseRejections(new org.apache.avro.generic.GenericData.Record(other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a record of the canonical tweet schema");
    }

    @Test
    void utf8LengthIsWhatTheEncoderWouldWrite() {
        String highAlone = String.valueOf((char) 0xD83D);
        String lowAlone = String.valueOf((char) 0xDE00);
        for (String s : List.of("", "ascii", "café", "数据", "😀🚀", "مرحبا", "x" + highAlone, highAlone + "x",
                lowAlone + highAlone, "\u007f\u0080\u07ff\u0800\uffff")) {
            assertThat(TweetSchema.utf8Length(s)).as(s).isEqualTo(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            assertThat(TweetSchema.utf8Length(new org.apache.avro.util.Utf8(s))).as(s)
                    .isEqualTo(new org.apache.avro.util.Utf8(s).getByteLength());
        }
    }

    @Test
    void utf8RecordsHoldTheSameValuesAndSurviveTheRoundTrip() throws IOException, InvalidTweetException {
        TweetNormalizer normalizer = new TweetNormalizer();
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(TweetSchema.avro());
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(TweetSchema.avro());
        for (GeneratedTweet g : new TweetGenerator(43L, INGESTED).next(200)) {
            CanonicalTweet t = normalizer.normalize(g.json(), INGESTED);
            GenericRecord utf8 = TweetAvro.toUtf8Record(t);
            GenericRecord plain = TweetAvro.toRecord(t);
            for (Schema.Field f : TweetSchema.avro().getFields()) {
                Object u = utf8.get(f.pos());
                assertThat(u == null ? null : u.toString()).as(f.name())
                        .isEqualTo(plain.get(f.pos()) == null ? null : plain.get(f.pos()).toString());
                assertThat(u instanceof String).as(f.name() + " is not a String").isFalse();
            }
            assertThat(TweetAvro.fromRecord(utf8)).isEqualTo(t);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(utf8, enc);
            enc.flush();
            assertThat(TweetAvro.fromRecord(reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null))))
                    .isEqualTo(t);
            assertThat(TweetSchema.warehouseRejections(utf8)).isEqualTo(TweetSchema.warehouseRejections(plain));
        }
    }
}
