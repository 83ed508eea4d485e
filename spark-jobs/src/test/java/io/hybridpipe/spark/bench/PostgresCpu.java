package io.hybridpipe.spark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by the machine's PostgreSQL processes (the embedded server runs in processes of its own,
 * which the JVM's CPU time leaves out): user + system time from Linux's {@code /proc/<pid>/stat}, the postmaster's
 * reaped children (ended connections) included. 0 where there is no {@code /proc}.
 */
final class PostgresCpu {

    private static final double SECONDS_PER_TICK = 0.01; // USER_HZ is 100 on every Linux architecture Java runs on

    private PostgresCpu() {
    }

    static double seconds() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path p : (Iterable<Path>) entries.filter(e -> e.getFileName().toString().chars().allMatch(Character::isDigit))::iterator) {
                ticks += postgresTicks(p.resolve("stat"));
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * SECONDS_PER_TICK;
    }

    private static long postgresTicks(Path stat) {
        String s;
        try {
            s = Files.readString(stat, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException gone) { // the process ended between the listing and the read
            return 0;
        }
        int open = s.indexOf('(');
        int close = s.lastIndexOf(')');
        if (open < 0 || close < open || !s.substring(open + 1, close).startsWith("postgres")) {
            return 0;
        }
        // after the command: state is field 3; utime, stime, cutime, cstime are fields 14-17
        String[] f = s.substring(close + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
}
