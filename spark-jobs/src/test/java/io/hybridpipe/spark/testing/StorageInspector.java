package io.hybridpipe.spark.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import io.hybridpipe.spark.batch.RedshiftManifest;
import io.hybridpipe.spark.writer.StorageLayout;

/** Lists what a job left on storage: data objects, quarantine lines, and the files manifests point at. */
public final class StorageInspector {

    private final Configuration conf;
    private final StorageLayout layout;

    public StorageInspector(Configuration conf, StorageLayout layout) {
        this.conf = conf;
        this.layout = layout;
    }

    /** Keys relative to the base, e.g. {@code dt=2026-11-28/hr=05/onprem.tweets-p0-...parquet}. */
    public List<String> files(String relativePrefixFilter) throws IOException {
        Path base = new Path(layout.baseUri());
        FileSystem fs = base.getFileSystem(conf);
        List<String> out = new ArrayList<>();
        if (!fs.exists(base)) {
            return out;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(base, true);
        while (it.hasNext()) {
            String rel = it.next().getPath().toString().substring(layout.baseUri().length() + 1);
            if (rel.startsWith(relativePrefixFilter)) {
                out.add(rel);
            }
        }
        return out;
    }

    public List<String> dataFiles() throws IOException {
        return files("dt=");
    }

    /** Every data file (relative key) listed by the given manifests (warehouse URIs). */
    public Set<String> filesListedBy(List<String> manifestUris) throws IOException {
        Set<String> out = new HashSet<>();
        String warehouseBase = StorageLayout.warehouseUri(layout.baseUri()) + "/";
        for (String m : manifestUris) {
            for (RedshiftManifest.Entry e : RedshiftManifest.read(conf, new Path(StorageLayout.hadoopUri(m)))) {
                out.add(e.url().substring(warehouseBase.length()));
            }
        }
        return out;
    }

    /** Manifest entries whose {@code content_length} differs from the object's length on storage, as "url: a != b". */
    public List<String> wrongContentLengths(List<String> manifestUris) throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String m : manifestUris) {
            for (RedshiftManifest.Entry e : RedshiftManifest.read(conf, new Path(StorageLayout.hadoopUri(m)))) {
                Path file = new Path(StorageLayout.hadoopUri(e.url()));
                long actual = file.getFileSystem(conf).getFileStatus(file).getLen();
                if (actual != e.contentLength()) {
                    wrong.add(e.url() + ": " + e.contentLength() + " != " + actual);
                }
            }
        }
        return wrong;
    }

    public List<String> quarantineLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String rel : files("_invalid/")) {
            Path p = new Path(layout.baseUri() + "/" + rel);
            try (var in = p.getFileSystem(conf).open(p)) {
                new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().forEach(lines::add);
            }
        }
        return lines;
    }
}
