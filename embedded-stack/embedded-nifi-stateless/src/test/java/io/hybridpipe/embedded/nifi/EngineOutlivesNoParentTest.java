package io.hybridpipe.embedded.nifi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine ends when the JVM that started it is killed: found when a {@code hybridpipe demo} stopped by SIGTERM
 * during startup left twitter-to-kafka's engine running (and reconnecting to a gone X emulator) with a day to go.
 */
class EngineOutlivesNoParentTest {

    @Test
    void anEngineWhoseParentJvmIsKilledEndsOnItsOwn(@TempDir Path work) throws Exception {
        Path putFiles = Files.createDirectories(work.resolve("put"));
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EngineStarterMain.class.getName(),
                work.resolve("runner").toString(), flow().toString(), putFiles.toString())
                .redirectErrorStream(true).start();
        ProcessHandle engine = null;
        try {
            long enginePid = readEnginePid(parent);
            engine = ProcessHandle.of(enginePid).orElseThrow(() -> new AssertionError("engine " + enginePid + " not running"));
            awaitFiles(putFiles, Duration.ofMinutes(3));

            parent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            Optional<ProcessHandle> stillThere = engine.onExit().completeOnTimeout(engine, 30, TimeUnit.SECONDS)
                    .thenApply(handle -> handle.isAlive() ? Optional.of(handle) : Optional.<ProcessHandle>empty()).get();
            assertThat(stillThere).as("engine %d after its parent was killed", enginePid).isEmpty();
        } finally {
            parent.destroyForcibly();
            if (engine != null) {
                engine.destroyForcibly();
            }
        }
    }

    private static long readEnginePid(Process parent) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("engine pid ")) {
                return Long.parseLong(line.substring("engine pid ".length()).trim());
            }
        }
        throw new AssertionError("the parent JVM ended without starting an engine");
    }

    private static void awaitFiles(Path directory, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(directory)) {
                List<Path> written = files.toList();
                if (!written.isEmpty()) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the engine wrote nothing within " + timeout);
    }

    private static Path flow() throws URISyntaxException {
        return Path.of(EngineOutlivesNoParentTest.class.getResource("/flows/generate-to-putfile.json").toURI());
    }
}
