package io.hybridpipe.spark.batch;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The ranges of the batch in flight, written before its first data file. A job that died mid-batch
 * re-runs exactly these ranges on restart, so the replay writes the same objects and manifest again
 * (no orphans beside them), whatever Kafka holds by then.
 */
public final class BatchIntentLog {

    private final Configuration conf;
    private final Path path;

    public BatchIntentLog(Configuration conf, Path path) {
        this.conf = conf;
        this.path = path;
    }

    public void record(BatchRanges batch) throws IOException {
        try (OutputStream out = path.getFileSystem(conf).create(path, true)) {
            out.write(batch.toJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    public Optional<BatchRanges> last() throws IOException {
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            return Optional.of(BatchRanges.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (FileNotFoundException none) {
            return Optional.empty();
        }
    }
}
