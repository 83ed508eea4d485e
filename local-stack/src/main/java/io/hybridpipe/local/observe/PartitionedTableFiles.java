package io.hybridpipe.local.observe;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import io.hybridpipe.core.partition.PartitionPath;

/**
 * The data files of a table partitioned by {@code dt} and {@code hr}, as a query's file listing finds them under the
 * table's location: names starting with {@code _} or {@code .} are hidden (a landing's temporary files, Spark's
 * staging folders), and a folder that is not a {@code dt=}/{@code hr=} partition holds no rows of the table. Both
 * {@code hr=07} (the landing's folders) and {@code hr=7} (Spark's own inserts) name hour 7.
 */
final class PartitionedTableFiles {

    private final Path location;
    private final Configuration conf;

    PartitionedTableFiles(String location, Configuration conf) {
        this.location = new Path(location);
        this.conf = conf;
    }

    /** A visible file and the partition whose folder holds it. */
    record TableFile(PartitionPath partition, Path path) {
    }

    List<TableFile> list() throws IOException {
        FileSystem fs = location.getFileSystem(conf);
        List<TableFile> files = new ArrayList<>();
        for (FileStatus dt : visibleDirectories(fs, location)) {
            for (FileStatus hr : visibleDirectories(fs, dt.getPath())) {
                Optional<PartitionPath> partition = PartitionPath.find(dt.getPath().getName() + "/" + hr.getPath().getName());
                if (partition.isEmpty()) {
                    continue;
                }
                for (FileStatus f : listed(fs, hr.getPath())) {
                    if (f.isFile() && visible(f)) {
                        files.add(new TableFile(partition.get(), f.getPath()));
                    }
                }
            }
        }
        return files;
    }

    Configuration conf() {
        return conf;
    }

    private static List<FileStatus> visibleDirectories(FileSystem fs, Path dir) throws IOException {
        List<FileStatus> dirs = new ArrayList<>();
        for (FileStatus s : listed(fs, dir)) {
            if (s.isDirectory() && visible(s)) {
                dirs.add(s);
            }
        }
        return dirs;
    }

    /** Nothing for a folder that does not exist (yet, or any more: a partition dropped meanwhile). */
    private static FileStatus[] listed(FileSystem fs, Path dir) throws IOException {
        try {
            return fs.listStatus(dir);
        } catch (FileNotFoundException absent) {
            return new FileStatus[0];
        }
    }

    private static boolean visible(FileStatus s) {
        String name = s.getPath().getName();
        return !name.startsWith("_") && !name.startsWith(".");
    }
}
