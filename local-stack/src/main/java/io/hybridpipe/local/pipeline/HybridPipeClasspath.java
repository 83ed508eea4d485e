package io.hybridpipe.local.pipeline;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpath child JVMs run on, the same {@code bin/hybridpipe} uses: this module's classes, our other modules' jars
 * the build copied to {@code local-stack/target/lib}, and the third-party classpath it wrote to
 * {@code local-stack/target/hybridpipe-classpath.txt}.
 */
final class HybridPipeClasspath {

    /** Points at another classpath file than the one beside this module's classes. */
    static final String FILE_PROPERTY = "hybridpipe.classpath.file";
    private static final String FILE_NAME = "hybridpipe-classpath.txt";

    private HybridPipeClasspath() {
    }

    static String locate() {
        Path classes = ownLocation();
        Path file = System.getProperty(FILE_PROPERTY) != null
                ? Path.of(System.getProperty(FILE_PROPERTY))
                : classes.getParent().resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No classpath file " + file + ": build local-stack first "
                    + "('mvn -B -q install -DskipTests' at the top of the repository) or set -D" + FILE_PROPERTY);
        }
        try {
            return classes + File.pathSeparator + file.resolveSibling("lib").resolve("*") + File.pathSeparator
                    + Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static Path ownLocation() {
        try {
            return Path.of(HybridPipeClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot tell where the hybridpipe classes are", e);
        }
    }
}
