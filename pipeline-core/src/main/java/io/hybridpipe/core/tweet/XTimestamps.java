package io.hybridpipe.core.tweet;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Parses {@code created_at}. X always writes {@code yyyy-MM-ddTHH:mm:ss.SSSZ}; that shape, and the same without
 * the fraction ({@code yyyy-MM-ddTHH:mm:ssZ}, what {@link Instant#toString} writes for whole seconds), are read
 * directly (the general {@link Instant#parse} costs more than the rest of the normalisation of a small tweet);
 * anything else goes through {@link Instant#parse}, so every ISO-8601 instant is still accepted.
 */
final class XTimestamps {
    private XTimestamps() {
    }

    /** Earliest and (exclusive) latest accepted instants: partition paths and SQL timestamps need four-digit years. */
    static final Instant MIN = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

    static Instant parse(String s) throws InvalidTweetException {
        Instant t;
        try {
            Instant fast = parseXShape(s);
            t = fast != null ? fast : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidTweetException("data.created_at is not an ISO-8601 instant: " + s, e);
        }
        if (t.isBefore(MIN) || t.isAfter(MAX)) {
            throw new InvalidTweetException("data.created_at is out of range (" + MIN + " to " + MAX + "): " + s);
        }
        return t;
    }

    /** The instant, or null when {@code s} is not exactly one of the two shapes or not a valid date and time. */
    private static Instant parseXShape(String s) {
        boolean withMillis = s.length() == 24 && s.charAt(19) == '.' && s.charAt(23) == 'Z';
        boolean wholeSeconds = s.length() == 20 && s.charAt(19) == 'Z';
        if (!(withMillis || wholeSeconds) || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int millis = withMillis ? digits(s, 20, 3) : 0;
        if ((year | month | day | hour | minute | second | millis) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // e.g. 2026-02-30: Instant.parse reports it
        }
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** The decimal value of {@code len} ASCII digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
