package io.hybridpipe.embedded.nifi;

import java.util.Objects;

/**
 * A value for a parameter of the flow's parameter context(s). {@code context} may be null: the value
 * then applies to the parameter of that name in any context. Values are never printed.
 */
public record ParameterValue(String context, String name, String value) {

    public ParameterValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "ParameterValue[" + (context == null ? "" : context + ":") + name + "=<hidden>]";
    }
}
