package io.hybridpipe.local;

import java.time.Duration;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 90s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT90S}). */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.startsWith("pt") || v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 5m, PT2M)");
            }
            if (d.isNegative() || d.isZero()) {
                throw new TypeConversionException("'" + value + "' must be a positive duration");
            }
            return d;
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 5m, PT2M)");
        }
    }
}
