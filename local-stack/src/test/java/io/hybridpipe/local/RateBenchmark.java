package io.hybridpipe.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 6's benchmark: {@code hybridpipe demo --rate R --duration D} for each rate, each in a fresh stack started by
 * {@code bin/hybridpipe}, then from the run's {@code run.json}: freshness (emitted -> first seen) p50/p99 per stage over
 * the whole run and over the steady part (tweets created after the first {@value #WARM_UP_SECONDS} s of emission,
 * while every JVM of the stack is still compiling its hot paths), whether the lag grew (mean lag of the last minute of
 * emission minus that of the first minute after warm-up, in seconds of emission), how many tweets X generated but never
 * wrote to a stream (its reader fell so far behind that the stream was cut, as X cuts it: a rate with any is not held,
 * though the verification, which counts what was sent, passes), the startup, the peak memory and the cores the stack
 * kept busy (CPU seconds of all its processes over the run) the command prints. The lowest rate is the baseline the
 * others are compared with.
 *
 * <pre>
 * mvn -B -q install -DskipTests
 * mvn -B -q -pl local-stack test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.hybridpipe.local.RateBenchmark -Dexec.args="100,500,1000,2000 5m"
 * </pre>
 */
public final class RateBenchmark {

    private static final int WARM_UP_SECONDS = 60;
    private static final String[] STAGES = {"kafka_onprem", "hive", "kafka_aws", "warehouse"};
    private static final Pattern STARTUP = Pattern.compile("Stack and pipeline up in ([0-9.]+) s");
    private static final Pattern PEAK = Pattern.compile("Peak RSS of the stack: (\\d+) MiB");
    private static final Pattern NEVER_WRITTEN = Pattern.compile("(\\d+) of \\d+ generated never written");
    private static final Pattern CORES = Pattern.compile("CPU of the stack while the pipeline ran: .* = ([0-9.]+) of \\d+ cores");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Double> rates = Arrays.stream((args.length > 0 ? args[0] : "100,500,1000,2000").split(","))
                .map(Double::parseDouble).toList();
        String duration = args.length > 1 ? args[1] : "5m";
        Path out = Path.of("target/rate-benchmark").toAbsolutePath();
        List<String> rows = new ArrayList<>();
        for (double rate : rates) {
            RunFigures figures = run(rate, duration, out.resolve(String.format(Locale.ROOT, "rate-%.0f", rate)));
            rows.add(figures.row());
            System.out.println(figures.row());
        }
        System.out.println();
        System.out.println("| rate/s | verified | lost at the X stream | startup s | peak MiB | cores busy | stage | p50 / p99 all (s) | p50 / p99 after "
                + WARM_UP_SECONDS + " s (s) | lag growth (s of emission) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static RunFigures run(double rate, String duration, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve("demo.out");
        List<String> command = List.of(Path.of("bin/hybridpipe").toAbsolutePath().toString(), "demo",
                "--rate", String.format(Locale.ROOT, "%.0f", rate), "--duration", duration,
                "--work-dir", dir.resolve("work").toString(), "--report-dir", dir.resolve("report").toString(),
                "--verify-timeout", "10m");
        System.out.printf("%s rate %.0f/s for %s: %s%n", Instant.now(), rate, duration, String.join(" ", command));
        Process demo = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!demo.waitFor(40, TimeUnit.MINUTES)) {
            demo.destroyForcibly();
            throw new IllegalStateException("the demo at " + rate + "/s did not end within 40 minutes; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        JsonNode run = JSON.readTree(dir.resolve("report/run.json").toFile());
        output.lines().filter(line -> line.startsWith("CPU of the stack")).forEach(System.out::println);
        return new RunFigures(rate, demo.exitValue(), number(STARTUP, output), number(PEAK, output), number(CORES, output),
                number(NEVER_WRITTEN, output), run);
    }

    private static double number(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** @param neverWritten tweets X generated that no stream was written: its reader fell too far behind, or none was open */
    private record RunFigures(double rate, int exitCode, double startupSeconds, double peakMiB, double coresBusy,
                              double neverWritten, JsonNode run) {

        String row() {
            StringBuilder row = new StringBuilder();
            Instant emissionStart = emissionStart();
            Instant steadyFrom = emissionStart.plusSeconds(WARM_UP_SECONDS);
            Instant emissionEnd = marker("emission end").orElse(emissionStart);
            for (String stage : STAGES) {
                List<Long> all = latencies(stage, Instant.MIN);
                List<Long> steady = latencies(stage, steadyFrom);
                row.append(String.format(Locale.ROOT, "| %.0f | %s | %.0f | %.1f | %.0f | %.2f | %s | %s / %s | %s / %s | %s |%n",
                        rate, exitCode == 0 ? "yes" : "NO (exit " + exitCode + ")", neverWritten, startupSeconds, peakMiB,
                        coresBusy, stage,
                        seconds(percentile(all, 50)), seconds(percentile(all, 99)),
                        seconds(percentile(steady, 50)), seconds(percentile(steady, 99)),
                        lagGrowth(stage, steadyFrom, emissionEnd)));
            }
            return row.toString().stripTrailing();
        }

        private Instant emissionStart() {
            return marker("emission start").orElseThrow(() -> new IllegalStateException("no emission start in run.json"));
        }

        private Optional<Instant> marker(String prefix) {
            for (JsonNode marker : run.path("markers")) {
                if (marker.path("event").asText().startsWith(prefix)) {
                    return Optional.of(Instant.parse(marker.path("at").asText()));
                }
            }
            return Optional.empty();
        }

        private List<Long> latencies(String stage, Instant createdFrom) {
            List<Long> values = new ArrayList<>();
            for (JsonNode sample : run.path("latency_samples")) {
                if (sample.path("stage").asText().equals(stage)
                        && !Instant.parse(sample.path("created_at").asText()).isBefore(createdFrom)) {
                    values.add(sample.path("latency_ms").asLong());
                }
            }
            values.sort(Long::compare);
            return values;
        }

        /** Mean lag over the last minute of emission minus that of the first minute after warm-up, in seconds. */
        private String lagGrowth(String stage, Instant steadyFrom, Instant emissionEnd) {
            if (!emissionEnd.isAfter(steadyFrom.plusSeconds(120))) {
                return "n/a (emission under " + (WARM_UP_SECONDS + 120) + " s)";
            }
            double early = meanLag(stage, steadyFrom, steadyFrom.plusSeconds(60));
            double late = meanLag(stage, emissionEnd.minusSeconds(60), emissionEnd);
            return String.format(Locale.ROOT, "%+.1f", (late - early) / rate);
        }

        private double meanLag(String stage, Instant from, Instant to) {
            double sum = 0;
            int n = 0;
            for (JsonNode point : run.path("timeline")) {
                Instant at = Instant.parse(point.path("at").asText());
                if (!at.isBefore(from) && at.isBefore(to)) {
                    sum += point.path("stages").path(stage).path("lag").asLong();
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        private static long percentile(List<Long> sorted, int p) {
            if (sorted.isEmpty()) {
                return -1;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }

        private static String seconds(long millis) {
            return millis < 0 ? "-" : String.format(Locale.ROOT, "%.1f", Duration.ofMillis(millis).toMillis() / 1000.0);
        }
    }
}
