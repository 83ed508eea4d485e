package io.hybridpipe.embedded.nifi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The NiFi Stateless 1.18.0 runtime the build assembled: jars and NARs in one directory (the engine's
 * NAR directory and the child JVM's classpath) and the Java 11+ libraries in its {@code java11/}
 * sub-folder.
 */
public final class StatelessRuntime {

    /** Points at another assembled runtime directory, overriding the one recorded at build time. */
    public static final String DIRECTORY_PROPERTY = "hybridpipe.nifi.stateless.runtime.dir";

    private static final String BUILD_RESOURCE = "/io/hybridpipe/embedded/nifi/nifi-stateless-runtime.properties";
    private static final String BOOTSTRAP_JAR_PREFIX = "nifi-stateless-bootstrap-";

    private final Path directory;

    private StatelessRuntime(Path directory) {
        this.directory = directory;
    }

    /** The runtime named by {@value #DIRECTORY_PROPERTY}, else the one this module's build assembled. */
    public static StatelessRuntime locate() {
        String override = System.getProperty(DIRECTORY_PROPERTY);
        return at(Path.of(override != null ? override : recordedDirectory()));
    }

    public static StatelessRuntime at(Path directory) {
        Path absolute = directory.toAbsolutePath();
        if (!Files.isDirectory(absolute.resolve("java11")) || !containsBootstrapJar(absolute)) {
            throw new IllegalStateException("No assembled NiFi Stateless runtime in " + absolute
                    + " (expected " + BOOTSTRAP_JAR_PREFIX + "*.jar and a java11/ folder); build it with "
                    + "'mvn -pl embedded-stack/embedded-nifi-stateless package' or set -D" + DIRECTORY_PROPERTY);
        }
        return new StatelessRuntime(absolute);
    }

    public Path directory() {
        return directory;
    }

    /** The classpath entry that puts every jar of the runtime on the child JVM's classpath. */
    String classpathWildcard() {
        return directory.resolve("*").toString();
    }

    private static String recordedDirectory() {
        Properties properties = new Properties();
        try (InputStream in = StatelessRuntime.class.getResourceAsStream(BUILD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + BUILD_RESOURCE + " is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BUILD_RESOURCE, e);
        }
        return properties.getProperty("runtime.directory");
    }

    private static boolean containsBootstrapJar(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith(BOOTSTRAP_JAR_PREFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    @Override
    public String toString() {
        return "StatelessRuntime[" + directory + "]";
    }
}
