package io.hybridpipe.spark.writer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.nio.ByteBuffer;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hybridpipe.spark.batch.SourceRecord;

/** Quarantine: one JSON line per rejected record, with where it came from and why it was rejected. */
final class InvalidRecordWriter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Configuration conf;
    private final Path path;
    private OutputStream out;
    private long count;

    InvalidRecordWriter(Configuration conf, Path path) {
        this.conf = conf;
        this.path = path;
    }

    void reject(SourceRecord record, String reason) throws IOException {
        if (out == null) {
            out = path.getFileSystem(conf).create(path, true);
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("kafka_timestamp", record.timestampMillis());
        line.put("reason", reason);
        putRaw(line, record.value());
        out.write(JSON.writeValueAsBytes(line));
        out.write('\n');
        count++;
    }

    private static void putRaw(ObjectNode line, byte[] value) {
        if (value == null) {
            line.putNull("raw");
            return;
        }
        try {
            line.put("raw", StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString());
        } catch (CharacterCodingException notUtf8) {
            line.put("raw_base64", Base64.getEncoder().encodeToString(value));
        }
    }

    long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
