package io.hybridpipe.embedded.nifi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Carries parameter values (sensitive ones included) from the parent to the engine's JVM over the
 * child's standard input, so they never appear on a command line, in a file or in a log.
 */
public final class ParameterValues {

    private ParameterValues() {
    }

    public static void write(List<ParameterValue> values, OutputStream out) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("count", Integer.toString(values.size()));
        for (int i = 0; i < values.size(); i++) {
            ParameterValue value = values.get(i);
            if (value.context() != null) {
                properties.setProperty(i + ".context", value.context());
            }
            properties.setProperty(i + ".name", value.name());
            properties.setProperty(i + ".value", value.value());
        }
        properties.store(out, null);
    }

    public static List<ParameterValue> read(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        String count = properties.getProperty("count");
        if (count == null) {
            throw new IOException("No parameter values arrived on standard input (the 'count' entry is missing)");
        }
        int size = Integer.parseInt(count);
        List<ParameterValue> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(new ParameterValue(
                    properties.getProperty(i + ".context"),
                    properties.getProperty(i + ".name"),
                    properties.getProperty(i + ".value")));
        }
        return values;
    }
}
