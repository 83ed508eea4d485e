package io.hybridpipe.core.partition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Hive-style partition of a tweet, {@code dt=YYYY-MM-DD/hr=HH}, from its {@code created_at} in UTC; the same
 * on HDFS and S3. The hour is written with two digits in paths; register a Hive partition with {@link #hiveSpec()} and
 * an explicit {@code LOCATION} of {@link #path()}, so the metastore holds the integer hour (7) and the directory
 * keeps its sortable name ({@code hr=07}).
 *
 * @param dt the UTC date, {@code YYYY-MM-DD}
 * @param hr the UTC hour, 0-23
 */
public record PartitionPath(String dt, int hr) {
    private static final Pattern PATH = Pattern.compile("dt=(\\d{4}-\\d{2}-\\d{2})/hr=(\\d{2})");
    private static final Pattern ANY_HOUR = Pattern.compile("dt=(\\d{4}-\\d{2}-\\d{2})/hr=(\\d{1,2})");

    public PartitionPath {
        Objects.requireNonNull(dt, "dt");
        try {
            if (!LocalDate.parse(dt).toString().equals(dt)) {
                throw new IllegalArgumentException("dt must be YYYY-MM-DD, was " + dt);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("dt must be YYYY-MM-DD, was " + dt, e);
        }
        if (hr < 0 || hr > 23) {
            throw new IllegalArgumentException("hr must be 0-23, was " + hr);
        }
    }

    public static PartitionPath of(Instant createdAt) {
        ZonedDateTime utc = createdAt.atZone(ZoneOffset.UTC);
        return new PartitionPath(utc.toLocalDate().toString(), utc.getHour());
    }

    /** Reads a path made by {@link #path()}. */
    public static PartitionPath parse(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a dt=YYYY-MM-DD/hr=HH partition path: " + path);
        }
        return new PartitionPath(m.group(1), Integer.parseInt(m.group(2)));
    }

    /**
     * Reads a partition however Hive spells it: {@code hr=07} (the folders of {@link #path()}) or {@code hr=7} (the
     * metastore's integer hour, as {@code SHOW PARTITIONS} prints it and Spark names the folders of its own inserts);
     * empty for anything that is not a valid {@code dt=YYYY-MM-DD/hr=H} partition.
     */
    public static Optional<PartitionPath> find(String spec) {
        Matcher m = ANY_HOUR.matcher(spec);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PartitionPath(m.group(1), Integer.parseInt(m.group(2))));
        } catch (IllegalArgumentException notADateOrHour) {
            return Optional.empty();
        }
    }

    /** {@code "dt=2026-11-28/hr=07"}: relative, no leading or trailing slash. */
    public String path() {
        return "dt=" + dt + "/hr=" + (hr < 10 ? "0" : "") + hr;
    }

    /** The partition spec for Hive DDL, e.g. {@code dt='2026-11-28', hr=7}. */
    public String hiveSpec() {
        return "dt='" + dt + "', hr=" + hr;
    }
}
