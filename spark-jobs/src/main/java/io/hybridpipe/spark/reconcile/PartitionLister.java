package io.hybridpipe.spark.reconcile;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import io.hybridpipe.core.partition.PartitionPath;

/**
 * Finds the partition folders of a range under a table's base by asking for exactly those folders, one per hour:
 * the cost follows the range, never the table (no listing of the base, no other partition touched).
 */
public final class PartitionLister {

    private final Configuration conf;

    public PartitionLister(Configuration conf) {
        this.conf = conf;
    }

    /** The range's folders that exist and hold at least one visible file ({@code _} and {@code .} files are hidden). */
    public List<PartitionDirectory> existing(String baseUri, HourRange range) throws IOException {
        String base = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
        FileSystem fs = new Path(base).getFileSystem(conf);
        List<PartitionDirectory> out = new ArrayList<>();
        for (PartitionPath p : range.partitions()) {
            Path dir = new Path(base + "/" + p.path());
            if (hasVisibleFile(fs, dir)) {
                out.add(new PartitionDirectory(p, dir.toString()));
            }
        }
        return out;
    }

    private static boolean hasVisibleFile(FileSystem fs, Path dir) throws IOException {
        try {
            for (FileStatus s : fs.listStatus(dir)) {
                String name = s.getPath().getName();
                if (s.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                    return true;
                }
            }
            return false;
        } catch (FileNotFoundException absent) {
            return false;
        }
    }
}
