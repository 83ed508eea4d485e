package io.hybridpipe.spark.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

import io.hybridpipe.core.ddl.SqlDialect;

/** What differs between warehouses: how staged rows arrive, and how a failed load explains itself. */
public interface WarehouseDialect {

    SqlDialect ddlDialect();

    /**
     * Fills the (empty, temporary) {@code stagingTable} with every row of the manifest's files, passing each
     * SQL statement it runs to {@code statementLog} first.
     */
    void loadStaging(Connection c, String stagingTable, LoadRequest request, Consumer<String> statementLog)
            throws SQLException;

    /**
     * The warehouse's own account of why {@code failure} happened, read after the transaction rolled back
     * (e.g. Redshift's load error tables); never throws.
     */
    String describeFailure(Connection c, SQLException failure);

    /**
     * True when {@code MERGE ... USING (subquery)} is allowed, which saves copying the batch into a second
     * staging table; Redshift's MERGE takes a table only.
     */
    default boolean mergesFromSubquery() {
        return false;
    }

    /**
     * True when executors may copy rows into a permanent staging table ({@link PostgresRowStager}) and the load merges
     * from it; the loader then creates that table. Redshift loads with COPY from S3 instead.
     */
    default boolean acceptsExecutorStaging() {
        return false;
    }

    /** SQL type of the audit table's text columns. */
    default String longTextType() {
        return "VARCHAR(65535)";
    }
}
