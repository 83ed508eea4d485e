package io.hybridpipe.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import io.hybridpipe.embedded.kafka.EmbeddedKafkaPair;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The onprem and aws clusters for one test class ({@code @RegisterExtension static}): started once before its
 * tests, with the given topics created on onprem, and stopped after them.
 */
final class KafkaPairExtension implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, Integer> onpremTopics;
    private EmbeddedKafkaPair clusters;
    private Path dataDir;

    KafkaPairExtension(Map<String, Integer> onpremTopics) {
        this.onpremTopics = Map.copyOf(onpremTopics);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path base = Paths.get(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(base);
        dataDir = Files.createTempDirectory(base, context.getRequiredTestClass().getSimpleName());
        clusters = EmbeddedKafkaPair.start(dataDir);
        onpremTopics.forEach(clusters.onprem()::createTopic);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (clusters != null) {
            clusters.close();
        }
    }

    EmbeddedKafkaPair clusters() {
        return clusters;
    }

    /** A directory for the test class's own files (logs of child processes, say). */
    Path dataDir() {
        return dataDir;
    }
}
