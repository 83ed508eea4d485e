package io.hybridpipe.nifi.twitter.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The files the engine tests run: the NAR under test (copied by the build) and the flow definitions. */
final class EngineTestFiles {

    private EngineTestFiles() {
    }

    static Path twitterNar() {
        Properties properties = new Properties();
        try (InputStream in = EngineTestFiles.class.getResourceAsStream("/engine-tests.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read engine-tests.properties", e);
        }
        Path nar = Path.of(properties.getProperty("twitter.nar"));
        if (!Files.isRegularFile(nar)) {
            throw new IllegalStateException("The NAR under test " + nar + " is missing; run the module's build"
                    + " (mvn -pl nifi-twitter-bundle/nifi-twitter-engine-tests verify), which copies it there");
        }
        return nar;
    }

    static Path flow(String name) {
        try {
            return Path.of(EngineTestFiles.class.getResource("/flows/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Bad resource path for flow " + name, e);
        }
    }
}
