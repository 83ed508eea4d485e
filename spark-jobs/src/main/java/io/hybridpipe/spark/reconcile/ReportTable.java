package io.hybridpipe.spark.reconcile;

import java.util.List;
import java.util.Map;

/** The report as a fixed-width table for stdout, one line per partition, then the samples and the verdict. */
public final class ReportTable {

    private static final String ROW = "%-20s %-5s %10s %10s %10s %10s %10s %10s %8s %8s  %s%n";

    private ReportTable() {
    }

    public static String render(ReconcileReport report) {
        StringBuilder out = new StringBuilder();
        out.append("reconcile ").append(report.range()).append(" (cloud: ").append(sides(report)).append(", run ")
                .append(report.runId()).append(")\n");
        out.append(String.format(ROW, "partition", "hive", "raw", "s3", "warehouse", "miss s3", "miss wh", "not raw",
                "dup s3", "dup wh", "status"));
        for (PartitionReport p : report.partitions()) {
            out.append(String.format(ROW, p.partition(), p.hiveRegistered() ? "yes" : "NO", p.raw(), orDash(p.s3()),
                    orDash(p.warehouse()), p.missingInS3(), p.missingInWarehouse(), p.notInRaw(), p.duplicatedInS3(),
                    p.duplicatedInWarehouse(), p.matches() ? "ok" : "DIFFERS"));
        }
        if (report.partitions().isEmpty()) {
            out.append("(no partition of the range holds data on any side)\n");
        }
        for (PartitionReport p : report.partitions()) {
            for (Map.Entry<String, List<String>> s : p.samples().entrySet()) {
                out.append("  ").append(p.partition()).append(' ').append(s.getKey()).append(": ")
                        .append(String.join(", ", s.getValue())).append('\n');
            }
        }
        report.repair().ifPresent(r -> out.append("repair (").append(r.target()).append("): ").append(r.tweets())
                .append(" tweets").append(r.manifest() == null ? "" : ", manifest " + r.manifest() + ", " + r.mergedRows()
                        + " merged" + (r.alreadyLoaded() ? " (already loaded)" : ""))
                .append('\n'));
        out.append(report.matches() ? "MATCH: the cloud holds exactly the raw layer's tweets\n"
                : "DIFFERENCES found (ids not in raw are reported, never deleted)\n");
        return out.toString();
    }

    static String sides(ReconcileReport report) {
        return report.cloud().stream().map(Enum::name).sorted().reduce((a, b) -> a + "," + b).orElse("");
    }

    private static String orDash(Long value) {
        return value == null ? "-" : value.toString();
    }
}
