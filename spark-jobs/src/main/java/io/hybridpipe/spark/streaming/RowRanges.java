package io.hybridpipe.spark.streaming;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;

import io.hybridpipe.core.ingest.IngestHeaders;
import io.hybridpipe.spark.batch.KafkaRange;
import io.hybridpipe.spark.batch.SourceRecord;
import io.hybridpipe.spark.writer.OffsetRangeWriter;
import io.hybridpipe.spark.writer.RangeResult;

/**
 * Structured Streaming hands {@code foreachBatch} rows, not offset ranges: a Spark partition of the Kafka
 * source holds one contiguous slice of one topic-partition, so the rows of each topic-partition give the
 * range {@code [min offset, max offset + 1)}. The checkpoint replays a batch with the same rows, hence the
 * same ranges and file names.
 */
final class RowRanges {

    /** The columns of the Kafka source this needs, in this order. */
    static final String[] COLUMNS = {"topic", "partition", "offset", "timestamp", "value", "headers"};

    private RowRanges() {
    }

    static Iterator<RangeResult> write(OffsetRangeWriter writer, Iterator<Row> rows) {
        Map<String, List<SourceRecord>> byTopicPartition = new LinkedHashMap<>();
        while (rows.hasNext()) {
            SourceRecord r = toSource(rows.next());
            byTopicPartition.computeIfAbsent(r.topic() + "\u0000" + r.partition(), k -> new ArrayList<>()).add(r);
        }
        List<RangeResult> results = new ArrayList<>(byTopicPartition.size());
        for (List<SourceRecord> records : byTopicPartition.values()) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (SourceRecord r : records) {
                min = Math.min(min, r.offset());
                max = Math.max(max, r.offset());
            }
            SourceRecord first = records.get(0);
            results.add(writer.write(new KafkaRange(first.topic(), first.partition(), min, max + 1), records.iterator()));
        }
        return results.iterator();
    }

    private static SourceRecord toSource(Row row) {
        String ingestedAt = null;
        if (!row.isNullAt(5)) {
            for (Row header : row.<Row>getList(5)) {
                if (IngestHeaders.INGESTED_AT.equals(header.getString(0)) && !header.isNullAt(1)) {
                    ingestedAt = new String((byte[]) header.get(1), StandardCharsets.UTF_8);
                }
            }
        }
        return new SourceRecord(row.getString(0), row.getInt(1), row.getLong(2), row.getTimestamp(3).getTime(),
                row.isNullAt(4) ? null : (byte[]) row.get(4), ingestedAt);
    }
}
