package io.hybridpipe.core.ddl;

/** The SQL engines whose DDL {@link DdlGenerator} writes. */
public enum SqlDialect {
    /** HiveServer2 (also Spark's Thrift server): external Parquet table partitioned by dt/hr. */
    HIVE,
    /** Amazon Redshift: the warehouse table the MERGE loads into. */
    REDSHIFT,
    /** PostgreSQL 15: stands in for Redshift in tests; same columns and keys, nearest types. */
    POSTGRESQL
}
