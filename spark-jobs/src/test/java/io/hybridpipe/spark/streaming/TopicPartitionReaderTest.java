package io.hybridpipe.spark.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;
import io.hybridpipe.spark.batch.KafkaRange;
import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.testing.TopicFeeder;

/** The executors' Kafka reader against a real broker: transaction markers, aborted records, range boundaries, errors. */
class TopicPartitionReaderTest {

    private static EmbeddedKafkaCluster kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafkaCluster("aws",
                Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-reader-")).start();
    }

    @AfterAll
    static void stop() {
        kafka.stop();
    }

    private static Map<String, Object> params(String group) {
        return KafkaSource.consumerParams(JobSettings.of(Map.of(
                "hybridpipe.kafka.bootstrap.servers", kafka.bootstrapServers(), "hybridpipe.kafka.group.id", group)));
    }

    private static List<String> values(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "v" + i).toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(Iterator<ConsumerRecord<byte[], byte[]>> records) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        records.forEachRemaining(out::add);
        return out;
    }

    private static List<Long> offsets(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(ConsumerRecord::offset).toList();
    }

    @Test
    void aRangeEndingInACommitMarkerEndsAtTheConsumerPositionAndSkipsAbortedRecords() {
        TopicFeeder feeder = new TopicFeeder(kafka, "reader-markers", 1);
        feeder.sendTransactions(List.of(
                new TopicFeeder.Transaction(values(0, 10), true),   // offsets 0-9, marker 10
                new TopicFeeder.Transaction(values(10, 5), false),  // 11-15 aborted, marker 16
                new TopicFeeder.Transaction(values(15, 10), true))); // 17-26, marker 27
        TopicPartition tp = new TopicPartition("reader-markers", 0);
        assertThat(feeder.endOffsets()).containsEntry(tp, 28L);

        try (TopicPartitionReader reader = TopicPartitionReader.open(params("markers"), tp)) {
            List<ConsumerRecord<byte[], byte[]>> records = readAll(reader.read(new KafkaRange(tp.topic(), 0, 0, 28), 20_000));

            assertThat(offsets(records)).containsExactlyElementsOf(
                    LongStream.concat(LongStream.range(0, 10), LongStream.range(17, 27)).boxed().toList());
            assertThat(records).map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactlyElementsOf(concat(values(0, 10), values(15, 10)));
            // a range made of a marker only (what a batch gets when the stream caught up before the commit)
            assertThat(readAll(reader.read(new KafkaRange(tp.topic(), 0, 27, 28), 20_000))).isEmpty();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void consecutiveRangesOfOneReaderSplitExactlyAtTheirBoundariesAndAReplaySeeksBack() {
        TopicFeeder feeder = new TopicFeeder(kafka, "reader-ranges", 1);
        feeder.send(values(0, 1_000));
        TopicPartition tp = new TopicPartition("reader-ranges", 0);

        try (TopicPartitionReader reader = TopicPartitionReader.open(params("ranges"), tp)) {
            // the first poll fetches past 300: those records must wait in the buffer for the next range
            assertThat(offsets(readAll(reader.read(new KafkaRange(tp.topic(), 0, 0, 300), 20_000))))
                    .containsExactlyElementsOf(LongStream.range(0, 300).boxed().toList());
            assertThat(offsets(readAll(reader.read(new KafkaRange(tp.topic(), 0, 300, 1_000), 20_000))))
                    .containsExactlyElementsOf(LongStream.range(300, 1_000).boxed().toList());
            assertThat(offsets(readAll(reader.read(new KafkaRange(tp.topic(), 0, 100, 200), 20_000))))
                    .containsExactlyElementsOf(LongStream.range(100, 200).boxed().toList());
        }
    }

    @Test
    void aRangeThatCannotBeReadInTimeFailsNamingTheRangeAndWhereTheConsumerStopped() {
        TopicFeeder feeder = new TopicFeeder(kafka, "reader-timeout", 1);
        feeder.send(values(0, 20));
        TopicPartition tp = new TopicPartition("reader-timeout", 0);
        KafkaRange beyondTheEnd = new KafkaRange(tp.topic(), 0, 0, 25);

        try (TopicPartitionReader reader = TopicPartitionReader.open(params("timeout"), tp)) {
            assertThatThrownBy(() -> readAll(reader.read(beyondTheEnd, 1_500)))
                    .isInstanceOf(KafkaRangeReadException.class)
                    .hasMessageContaining("reader-timeout-0[0,25)")
                    .hasMessageContaining("spark-executor-timeout")
                    .hasMessageContaining("stayed at offset 20")
                    .hasMessageContaining("spark.streaming.kafka.consumer.poll.ms = 1500");
        }
    }

    @Test
    void aRangeNoLongerInKafkaFailsNamingTheRange() throws Exception {
        TopicFeeder feeder = new TopicFeeder(kafka, "reader-deleted", 1);
        feeder.send(values(0, 50));
        TopicPartition tp = new TopicPartition("reader-deleted", 0);
        try (Admin admin = kafka.admin()) {
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(40))).all().get(30, TimeUnit.SECONDS);
        }

        try (TopicPartitionReader reader = TopicPartitionReader.open(params("deleted"), tp)) {
            assertThatThrownBy(() -> readAll(reader.read(new KafkaRange(tp.topic(), 0, 10, 50), 20_000)))
                    .isInstanceOf(KafkaRangeReadException.class)
                    .hasMessageContaining("reader-deleted-0[10,50)")
                    .hasMessageContaining("no longer in Kafka");
        }
    }

    @Test
    void aReleasedReaderIsHandedToTheNextTaskOfItsPartitionAndABusyOneIsNot() {
        new TopicFeeder(kafka, "reader-pool", 1);
        TopicPartition tp = new TopicPartition("reader-pool", 0);
        Map<String, Object> params = params("pool");

        TopicPartitionReader first = TopicPartitionReaders.acquire(params, tp);
        TopicPartitionReader second = TopicPartitionReaders.acquire(params, tp);
        assertThat(second).as("a reader in use is never shared").isNotSameAs(first);
        second.close();
        TopicPartitionReaders.release(first);
        TopicPartitionReader again = TopicPartitionReaders.acquire(params, tp);
        assertThat(again).isSameAs(first);
        TopicPartitionReader otherGroup = TopicPartitionReaders.acquire(params("pool-other"), tp);
        assertThat(otherGroup).as("keyed by the job's settings too").isNotSameAs(first);
        otherGroup.close();
        again.close();
    }
}
