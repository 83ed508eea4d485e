package io.hybridpipe.spark.warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.hybridpipe.core.ddl.SqlDialect;

/**
 * Amazon Redshift: {@code COPY ... FORMAT AS PARQUET MANIFEST} with the cluster's IAM role (no keys in
 * SQL), Parquet lists into {@code SUPER} through {@code SERIALIZETOJSON}, statistics and compression
 * analysis off for the throw-away staging table. A failed COPY is explained from
 * {@code SYS_LOAD_ERROR_DETAIL} (or {@code STL_LOAD_ERRORS} on clusters without it).
 */
public final class RedshiftDialect implements WarehouseDialect {

    private static final Logger LOG = LoggerFactory.getLogger(RedshiftDialect.class);

    private static final Pattern IAM_ROLE = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}");
    private static final Pattern MANIFEST_URL = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[A-Za-z0-9_./=-]{1,1000}");

    private final String iamRole;

    public RedshiftDialect(String iamRoleArn) {
        if (iamRoleArn == null || !IAM_ROLE.matcher(iamRoleArn).matches()) {
            throw new IllegalArgumentException("Redshift IAM role must be an ARN like arn:aws:iam::123456789012:role/name, was '"
                    + iamRoleArn + "'");
        }
        this.iamRole = iamRoleArn;
    }

    @Override
    public SqlDialect ddlDialect() {
        return SqlDialect.REDSHIFT;
    }

    public String copyStatement(String stagingTable, String manifestUrl) {
        WarehouseTable.requireIdentifier(stagingTable, "staging table");
        if (!MANIFEST_URL.matcher(manifestUrl).matches()) {
            throw new IllegalArgumentException("manifest must be an s3:// URL of letters, digits and _./=- , was '"
                    + manifestUrl + "'");
        }
        return "COPY " + stagingTable + " FROM '" + manifestUrl + "' IAM_ROLE '" + iamRole + "'"
                + " FORMAT AS PARQUET SERIALIZETOJSON MANIFEST STATUPDATE OFF COMPUPDATE OFF";
    }

    @Override
    public void loadStaging(Connection c, String stagingTable, LoadRequest request, Consumer<String> statementLog)
            throws SQLException {
        String sql = copyStatement(stagingTable, request.manifestUri());
        statementLog.accept(sql);
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static final String LOAD_ERRORS = "SELECT file_name, line_number, column_name, error_code, error_message"
            + " FROM sys_load_error_detail WHERE query_id = pg_last_copy_id() ORDER BY line_number LIMIT 10";
    static final String LEGACY_LOAD_ERRORS = "SELECT TRIM(filename), line_number, TRIM(colname), err_code, TRIM(err_reason)"
            + " FROM stl_load_errors WHERE query = pg_last_copy_id() ORDER BY line_number LIMIT 10";

    @Override
    public String describeFailure(Connection c, SQLException failure) {
        List<String> problems = new ArrayList<>();
        for (String query : List.of(LOAD_ERRORS, LEGACY_LOAD_ERRORS)) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
                while (rs.next()) {
                    problems.add(rs.getString(1) + " line " + rs.getLong(2) + " column " + rs.getString(3)
                            + ": error " + rs.getInt(4) + " " + rs.getString(5));
                }
                break;
            } catch (SQLException viewMissing) {
                problems.add("(" + query.substring(query.indexOf("FROM ") + 5, query.indexOf(" WHERE")) + " unreadable: "
                        + viewMissing.getMessage() + ")");
                rollbackAfterDiagnostics(c);
            }
        }
        return failure.getMessage() + (problems.isEmpty() ? "" : "; load errors: " + String.join("; ", problems));
    }

    private static void rollbackAfterDiagnostics(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("rollback after reading load errors failed: {}", e.getMessage());
        }
    }
}
