package io.hybridpipe.spark.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hybridpipe.spark.writer.StorageLayout;
import io.hybridpipe.spark.writer.WrittenFile;

/**
 * A Redshift COPY manifest: exactly the data files of one batch, as {@code s3://} URLs with
 * {@code mandatory: true} (a missing file fails the load instead of being skipped) and the
 * {@code content_length} Redshift requires for Parquet.
 */
public final class RedshiftManifest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param url the warehouse form, {@code s3://bucket/key} */
    public record Entry(String url, long contentLength) {
    }

    private RedshiftManifest() {
    }

    public static void write(Configuration conf, Path manifest, List<WrittenFile> files) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        var entries = root.putArray("entries");
        for (WrittenFile f : files) {
            ObjectNode e = entries.addObject();
            e.put("url", StorageLayout.warehouseUri(f.uri()));
            e.put("mandatory", true);
            e.putObject("meta").put("content_length", f.bytes());
        }
        try (OutputStream out = manifest.getFileSystem(conf).create(manifest, true)) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out, root);
        }
    }

    public static List<Entry> read(Configuration conf, Path manifest) throws IOException {
        JsonNode root;
        try (InputStream in = manifest.getFileSystem(conf).open(manifest)) {
            root = JSON.readTree(in);
        }
        JsonNode entries = root.get("entries");
        if (entries == null || !entries.isArray()) {
            throw new IOException("manifest " + manifest + " has no entries array");
        }
        List<Entry> out = new ArrayList<>(entries.size());
        for (JsonNode e : entries) {
            JsonNode url = e.get("url");
            JsonNode length = e.path("meta").get("content_length");
            if (url == null || length == null) {
                throw new IOException("manifest " + manifest + " has an entry without url or meta.content_length: " + e);
            }
            out.add(new Entry(url.asText(), length.asLong()));
        }
        return out;
    }
}
