package io.hybridpipe.local.observe;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.hybridpipe.core.partition.PartitionPath;

/**
 * Follows the Hive stage as a query sees it, without a query per poll. A row is queryable once its file is visible
 * under the table's location (the landing writes a hidden temporary and renames it) in a partition the metastore
 * holds: the Thrift Server caches no file listings (embedded-hive turns that cache off), so any query started from
 * then on reads it. Each poll lists the partitions' files, reads the {@code id} column of the files it has not read
 * yet, and sees a sampled tweet once the listing that found its file and the partition check are done; the cost
 * follows what landed since the last poll, not the table. A {@code COUNT(*)} and a lookup through HiveServer2
 * scanned the whole table instead, every poll: the Thrift Server spent 69-124 CPU-s on it in a 2,000/s demo on
 * 2 cores, CPU the pipeline was short of.
 * <p>
 * The verification does not rely on any of this: {@link #contents()} reads every id through HiveServer2, with SQL.
 */
final class HiveFilesProbe implements StageProbe {

    private final PartitionedTableFiles files;
    private final HivePartitions partitions;
    private final JdbcTableProbe sql;
    private final LatencyTracker latency;
    private final Clock clock;
    private final Set<String> read = new HashSet<>();
    private final IdCounts ids = new IdCounts();
    /**
     * Sampled ids found in files, with when: each is reported once the Kafka onprem probe has registered its
     * {@code created_at}, which it may not have yet (that probe can be behind).
     */
    private final Map<String, Instant> foundSamples = new LinkedHashMap<>();

    HiveFilesProbe(PartitionedTableFiles files, HivePartitions partitions, JdbcTableProbe sql, LatencyTracker latency,
                   Clock clock) {
        this.files = files;
        this.partitions = partitions;
        this.sql = sql;
        this.latency = latency;
        this.clock = clock;
    }

    @Override
    public Stage stage() {
        return Stage.HIVE;
    }

    @Override
    public ProbeReading poll() throws IOException, SQLException {
        Map<PartitionPath, List<PartitionedTableFiles.TableFile>> fresh = new HashMap<>();
        for (PartitionedTableFiles.TableFile f : files.list()) {
            if (!read.contains(f.path().toString())) {
                fresh.computeIfAbsent(f.partition(), p -> new ArrayList<>()).add(f);
            }
        }
        // asked even when nothing is new: the first call opens the HiveServer2 session before tweets land
        Set<PartitionPath> queryable = partitions.registeredAmong(fresh.keySet());
        Instant visibleAt = clock.instant();
        List<IOException> unreadable = new ArrayList<>();
        for (PartitionPath p : queryable) {
            for (PartitionedTableFiles.TableFile f : fresh.get(p)) {
                try {
                    readIds(f, visibleAt);
                } catch (IOException e) {
                    unreadable.add(e);
                }
            }
        }
        reportSamples();
        if (!unreadable.isEmpty()) {
            // the readable files are counted all the same; the unreadable ones are tried again at every poll
            IOException first = unreadable.get(0);
            throw new IOException(first.getMessage() + (unreadable.size() > 1 ? " (and " + (unreadable.size() - 1)
                    + " more unreadable files)" : ""), first);
        }
        return new ProbeReading(ids.total(), ids.distinct(), ids.total());
    }

    /** Every id through HiveServer2 ({@code SELECT id, COUNT(*) ... GROUP BY id}), not from the files. */
    @Override
    public IdCounts contents() throws SQLException {
        reportSamples();
        return sql.contents();
    }

    private void readIds(PartitionedTableFiles.TableFile file, Instant visibleAt) throws IOException {
        IdCounts inFile = new IdCounts();
        try {
            ParquetIdColumn.read(file.path(), files.conf(), inFile::add);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the ids of " + file.path() + ": " + e.getMessage(), e);
        }
        // counted only once the whole file was read: a failed read is tried again at the next poll
        inFile.forEach((id, copies) -> {
            ids.add(id, copies);
            if (latency.sampled(id)) {
                foundSamples.putIfAbsent(id, visibleAt);
            }
        });
        read.add(file.path().toString());
    }

    private void reportSamples() {
        foundSamples.entrySet().removeIf(found -> {
            if (!latency.isRegistered(found.getKey())) {
                return false;
            }
            latency.seen(Stage.HIVE, found.getKey(), found.getValue());
            return true;
        });
    }

    @Override
    public void close() {
        try (partitions) {
            sql.close();
        }
    }
}
