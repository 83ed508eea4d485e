package io.hybridpipe.core.ddl;

import java.util.Objects;
import java.util.regex.Pattern;

/** SQL identifiers and literals are validated, never escaped: a bad name is an error, not an injection. */
final class Identifiers {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,126}");
    private static final Pattern LOCATION = Pattern.compile("[A-Za-z0-9_./:@%+=,~-]+");

    private Identifiers() {
    }

    static String identifier(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits and underscores (not starting with a digit), was '"
                    + name + "'");
        }
        return name;
    }

    /** A table location URI such as {@code hdfs://nn:8020/data/tweets} or {@code s3a://bucket/tweets}. */
    static String location(String location) {
        Objects.requireNonNull(location, "location");
        if (!LOCATION.matcher(location).matches()) {
            throw new IllegalArgumentException("location may hold only letters, digits and _./:@%+=,~- , was '" + location + "'");
        }
        return location;
    }
}
