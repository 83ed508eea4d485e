package io.hybridpipe.embedded.x;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** For the standalone emulator: waits for a first stream, then replays a recorded file at a steady pace. */
final class ReplayPacer implements Runnable {

    private final XApiEmulator emulator;
    private final Path file;
    private final double linesPerSecond;
    private final PrintStream out;

    ReplayPacer(XApiEmulator emulator, Path file, double linesPerSecond, PrintStream out) {
        this.out = out;
        this.emulator = emulator;
        this.file = file;
        this.linesPerSecond = linesPerSecond;
    }

    @Override
    public void run() {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (emulator.activeConnections() == 0) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            out.println("A stream connected; replaying " + file);
            long start = System.nanoTime();
            long sent = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                if (emulator.replayLine(line)) {
                    sent++;
                    pace(start, sent);
                }
            }
            out.println("Replayed " + sent + " lines of " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pace(long startNanos, long sent) throws InterruptedException {
        if (linesPerSecond <= 0) {
            return;
        }
        long dueNanos = startNanos + (long) (sent * 1e9 / linesPerSecond);
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
