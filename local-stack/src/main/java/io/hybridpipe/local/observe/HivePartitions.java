package io.hybridpipe.local.observe;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.core.partition.PartitionPath;

/**
 * Which partitions of a table the Hive metastore holds: a query reads only registered partitions, whatever their
 * folders contain. Asks ({@code SHOW PARTITIONS}, a metastore lookup, no scan) at the first call, then only while a
 * partition in question is not known to be registered; a registered partition stays registered (the pipeline never
 * drops one). The first call opens the HiveServer2 session, whose first statement takes seconds on a busy machine:
 * made before any tweet lands, it no longer delays the first ones seen.
 */
final class HivePartitions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HivePartitions.class);

    private final LazyConnection connection;
    private final String table;
    private final Set<PartitionPath> registered = new HashSet<>();
    private boolean asked;

    HivePartitions(LazyConnection connection, String table) {
        this.connection = connection;
        this.table = table;
    }

    /** Those of {@code partitions} that are registered; one metastore lookup at most. */
    Set<PartitionPath> registeredAmong(Collection<PartitionPath> partitions) throws SQLException {
        if (!asked || !registered.containsAll(partitions)) {
            refresh();
        }
        Set<PartitionPath> found = new HashSet<>(partitions);
        found.retainAll(registered);
        return found;
    }

    private void refresh() throws SQLException {
        long start = System.nanoTime();
        try (Statement s = connection.get().createStatement();
             ResultSet rs = s.executeQuery("SHOW PARTITIONS " + table)) {
            asked = true;
            while (rs.next()) {
                PartitionPath.find(rs.getString(1)).ifPresent(registered::add);
            }
            LOG.info("{} has {} registered partition(s), asked in {} ms", table, registered.size(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            if (connection.isMissingTable(e)) {
                asked = true;
                return;
            }
            connection.reset(e);
            throw e;
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
