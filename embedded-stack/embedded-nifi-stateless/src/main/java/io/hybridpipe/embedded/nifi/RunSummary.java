package io.hybridpipe.embedded.nifi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the driver reports back when it ends: how many triggers ran and failed, how many FlowFiles left
 * the output ports, why it stopped, and the first failure (null when none).
 */
public record RunSummary(int triggers, int failedTriggers, int outputFlowFiles, String stopReason, String failure) {

    public void write(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("triggers", Integer.toString(triggers));
        properties.setProperty("failed.triggers", Integer.toString(failedTriggers));
        properties.setProperty("output.flowfiles", Integer.toString(outputFlowFiles));
        properties.setProperty("stop.reason", stopReason);
        if (failure != null) {
            properties.setProperty("failure", failure);
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            properties.store(out, null);
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public static RunSummary read(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return new RunSummary(
                Integer.parseInt(properties.getProperty("triggers", "0")),
                Integer.parseInt(properties.getProperty("failed.triggers", "0")),
                Integer.parseInt(properties.getProperty("output.flowfiles", "0")),
                properties.getProperty("stop.reason", "unknown"),
                properties.getProperty("failure"));
    }
}
