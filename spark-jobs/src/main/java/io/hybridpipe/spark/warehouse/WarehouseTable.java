package io.hybridpipe.spark.warehouse;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * The schema and table names the loader puts into SQL. They are validated, never quoted or escaped:
 * an unexpected name is an error, so no statement is ever built from unchecked input.
 */
public record WarehouseTable(String schema, String table) implements Serializable {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,126}");

    public WarehouseTable {
        requireIdentifier(schema, "warehouse schema");
        requireIdentifier(table, "warehouse table");
    }

    static String requireIdentifier(String name, String what) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits and underscores, not starting with a digit, was '"
                    + name + "'");
        }
        return name;
    }

    public String qualified() {
        return schema + "." + table;
    }

    /** The staging table beside it, into which executors copy rows keyed by data file (PostgreSQL). */
    public WarehouseTable staging() {
        return new WarehouseTable(schema, table + "_staging");
    }

    /** The audit table beside it: one row per loaded manifest. */
    public WarehouseTable audit() {
        return new WarehouseTable(schema, "load_audit");
    }
}
