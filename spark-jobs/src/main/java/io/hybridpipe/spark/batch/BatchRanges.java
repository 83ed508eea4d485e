package io.hybridpipe.spark.batch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hybridpipe.core.partition.FileNames;

/** The offset ranges of one batch, in a canonical order; its key names the batch's manifest. */
public record BatchRanges(List<KafkaRange> ranges) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BatchRanges {
        List<KafkaRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(KafkaRange::topic).thenComparingInt(KafkaRange::partition));
        ranges = List.copyOf(sorted);
    }

    public long recordCount() {
        return ranges.stream().mapToLong(KafkaRange::count).sum();
    }

    public boolean isEmpty() {
        return recordCount() == 0;
    }

    /** SHA-256 of the canonical JSON: the same ranges always give the same key. */
    public byte[] key() {
        return FileNames.sha256(toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code [{"topic":..,"partition":..,"from":..,"until":..}, ...]}, the form kept in load_audit. */
    public String toJson() {
        ArrayNode array = JSON.createArrayNode();
        for (KafkaRange r : ranges) {
            ObjectNode o = array.addObject();
            o.put("topic", r.topic());
            o.put("partition", r.partition());
            o.put("from", r.fromOffset());
            o.put("until", r.untilOffset());
        }
        return array.toString();
    }

    public static BatchRanges fromJson(String json) {
        try {
            List<KafkaRange> out = new ArrayList<>();
            for (var node : JSON.readTree(json)) {
                out.add(new KafkaRange(node.get("topic").asText(), node.get("partition").asInt(),
                        node.get("from").asLong(), node.get("until").asLong()));
            }
            return new BatchRanges(out);
        } catch (JsonProcessingException | NullPointerException e) {
            throw new IllegalArgumentException("not a batch range list: " + json, e);
        }
    }
}
