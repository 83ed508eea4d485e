package io.hybridpipe.spark.reconcile;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.hybridpipe.core.partition.PartitionPath;

/**
 * The hours a reconcile run covers, both ends inclusive: {@code dt=2026-11-28/hr=05} or an ISO hour such as
 * {@code 2026-11-28T05} / {@code 2026-11-28T05:00:00Z}. The partitions are {@link PartitionPath}s, the layout the
 * raw layer and S3 share.
 */
public record HourRange(Instant firstHour, Instant lastHour) implements Serializable {

    /** A month of hours; a larger range is split into several runs so one report stays readable. */
    public static final int MAX_HOURS = 24 * 31;
    private static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    public HourRange {
        if (lastHour.isBefore(firstHour)) {
            throw new IllegalArgumentException("--to (" + KEY.format(lastHour) + ") is before --from (" + KEY.format(firstHour) + ")");
        }
        long hours = Duration.between(firstHour, lastHour).toHours() + 1;
        if (hours > MAX_HOURS) {
            throw new IllegalArgumentException("the range holds " + hours + " hours; at most " + MAX_HOURS + " per run");
        }
    }

    public static HourRange parse(String from, String to) {
        return new HourRange(hour(from, "--from"), hour(to, "--to"));
    }

    static Instant hour(String text, String option) {
        String s = text.trim();
        try {
            if (s.startsWith("dt=")) {
                PartitionPath p = PartitionPath.parse(s);
                return LocalDateTime.parse(p.dt() + "T00:00").plusHours(p.hr()).toInstant(ZoneOffset.UTC);
            }
            if (s.length() == 13) { // 2026-11-28T05
                return LocalDateTime.parse(s + ":00").toInstant(ZoneOffset.UTC);
            }
            Instant instant = s.endsWith("Z") ? Instant.parse(s) : LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            if (!instant.truncatedTo(ChronoUnit.HOURS).equals(instant)) {
                throw new IllegalArgumentException(option + " must be a whole hour, was '" + text + "'");
            }
            return instant;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            if (e instanceof IllegalArgumentException && e.getMessage().startsWith(option)) {
                throw e;
            }
            throw new IllegalArgumentException(option + " must be like dt=2026-11-28/hr=05 or 2026-11-28T05, was '" + text + "'", e);
        }
    }

    public List<PartitionPath> partitions() {
        List<PartitionPath> out = new ArrayList<>();
        for (Instant h = firstHour; !h.isAfter(lastHour); h = h.plus(1, ChronoUnit.HOURS)) {
            out.add(PartitionPath.of(h));
        }
        return out;
    }

    public Instant endExclusive() {
        return lastHour.plus(1, ChronoUnit.HOURS);
    }

    public boolean contains(PartitionPath p) {
        Instant h = LocalDateTime.parse(p.dt() + "T00:00").plusHours(p.hr()).toInstant(ZoneOffset.UTC);
        return !h.isBefore(firstHour) && !h.isAfter(lastHour);
    }

    /** A SQL {@code TIMESTAMP} literal body for an hour boundary, e.g. {@code 2026-11-28 05:00:00}. */
    static String sqlTimestamp(Instant hour) {
        return SQL.format(hour);
    }

    /** {@code 2026-11-28T05..2026-11-28T07}: names the range in reports and in repair file names. */
    public String key() {
        return KEY.format(firstHour) + ".." + KEY.format(lastHour);
    }

    @Override
    public String toString() {
        return key();
    }
}
