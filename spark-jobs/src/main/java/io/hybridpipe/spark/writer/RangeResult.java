package io.hybridpipe.spark.writer;

import java.io.Serializable;
import java.util.List;

import io.hybridpipe.spark.batch.KafkaRange;

/** What the writer made of one offset range: its data files, and how many records went to quarantine. */
public record RangeResult(KafkaRange range, List<WrittenFile> files, long validRows, long invalidRows)
        implements Serializable {

    public RangeResult {
        files = List.copyOf(files);
    }
}
