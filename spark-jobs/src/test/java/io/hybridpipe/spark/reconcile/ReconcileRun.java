package io.hybridpipe.spark.reconcile;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs {@code ReconcileJobMain} as spark-submit would (a settings file, command-line options) and reads its report. */
final class ReconcileRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static int runs;

    final int exitCode;
    final JsonNode report;
    final String html;

    private ReconcileRun(int exitCode, JsonNode report, String html) {
        this.exitCode = exitCode;
        this.report = report;
        this.html = html;
    }

    static ReconcileRun of(Path workDir, Map<String, String> settings, String... options) throws IOException {
        Path dir = workDir.resolve("run-" + (++runs));
        Files.createDirectories(dir);
        Path settingsFile = dir.resolve("hybridpipe-reconcile.properties");
        Properties p = new Properties();
        p.putAll(settings);
        try (Writer w = Files.newBufferedWriter(settingsFile)) {
            p.store(w, "reconcile test");
        }
        Path reportDir = dir.resolve("report");
        List<String> args = new ArrayList<>(List.of("--settings", settingsFile.toString(),
                "--report-dir", reportDir.toUri().toString()));
        args.addAll(List.of(options));
        int exit = ReconcileJobMain.execute(args.toArray(String[]::new));
        Path json = reportDir.resolve("reconcile.json");
        if (!Files.exists(json)) {
            return new ReconcileRun(exit, null, null);
        }
        return new ReconcileRun(exit, JSON.readTree(json.toFile()),
                Files.readString(reportDir.resolve("reconcile.html"), StandardCharsets.UTF_8));
    }

    JsonNode partition(String path) {
        for (JsonNode p : report.get("partitions")) {
            if (p.get("partition").asText().equals(path)) {
                return p;
            }
        }
        throw new AssertionError("no partition " + path + " in the report: " + report.toPrettyString());
    }

    List<String> sample(String partition, String kind) {
        List<String> ids = new ArrayList<>();
        partition(partition).path("sample_ids").path(kind).forEach(n -> ids.add(n.asText()));
        return ids;
    }

    long total(String figure) {
        long sum = 0;
        for (JsonNode p : report.get("partitions")) {
            sum += p.get(figure).asLong();
        }
        return sum;
    }
}
