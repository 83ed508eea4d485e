package io.hybridpipe.nifi.hive;

/** Names of the FlowFile attributes PutHiveLanding writes. */
final class LandingAttributes {
    static final String TARGET_PATHS = "hive.landing.target.paths";
    static final String PARTITIONS = "hive.landing.partitions";
    static final String ROWS_WRITTEN = "hive.landing.rows.written";
    static final String ROWS_INVALID = "hive.landing.rows.invalid";
    static final String FILES_ALREADY_LANDED = "hive.landing.files.already.landed";
    static final String RETRY_REASON = "hive.landing.retry.reason";

    private LandingAttributes() {
    }
}
