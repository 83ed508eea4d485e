package io.hybridpipe.spark.reconcile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Writes {@code reconcile.json} and {@code reconcile.html} into a directory of any Hadoop file system. */
public final class ReportFiles {

    private ReportFiles() {
    }

    public static void write(Configuration conf, String directory, ReconcileReport report) throws IOException {
        write(conf, new Path(directory, "reconcile.json"), ReportJson.render(report));
        write(conf, new Path(directory, "reconcile.html"), ReportHtml.render(report));
    }

    private static void write(Configuration conf, Path path, String content) throws IOException {
        try (OutputStream out = path.getFileSystem(conf).create(path, true)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
