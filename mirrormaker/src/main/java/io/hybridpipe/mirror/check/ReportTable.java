package io.hybridpipe.mirror.check;

import java.io.PrintWriter;

/** The human-readable form of a {@link CheckReport}. */
public final class ReportTable {

    private static final String PARTITION_ROW = "%-24s %4s %-24s %12s %12s %12s %12s %9s %9s %7s %s%n";
    private static final String GROUP_ROW = "%-20s %-24s %4s %12s %12s %12s %8s %s%n";

    private ReportTable() {
    }

    public static void print(CheckReport report, PrintWriter out) {
        out.printf("mirror-check %s -> %s%n", report.source(), report.target());
        out.printf(PARTITION_ROW, "topic", "part", "target topic", "src records", "tgt records", "src end", "tgt end",
                "lag rec", "lag ms", "sample", "status");
        for (PartitionResult p : report.partitions()) {
            out.printf(PARTITION_ROW, p.sourceTopic(), p.partition(), p.targetTopic(), p.sourceRecords(),
                    p.targetRecords(), p.sourceEndOffset(), p.targetEndOffset(), p.lagRecords(), p.lagMs(),
                    (p.sampled() - p.sampleMissing()) + "/" + p.sampled(),
                    p.inSync() ? "OK" : "FAIL: " + String.join("; ", p.problems()));
        }
        if (!report.groups().isEmpty()) {
            out.println();
            out.printf(GROUP_ROW, "group", "topic", "part", "src commit", "translated", "tgt end", "replay", "status");
            for (GroupResult g : report.groups()) {
                out.printf(GROUP_ROW, g.group(), g.sourceTopic(), g.partition(), g.sourceCommitted(),
                        g.translatedOffset() == null ? "-" : g.translatedOffset(), g.targetEndOffset(),
                        g.replay() == null ? "-" : g.replay(),
                        g.inSync() ? "OK" : "FAIL: " + String.join("; ", g.problems()));
            }
        }
        report.problems().forEach(p -> out.println("FAIL: " + p));
        out.printf("%nsource records %d, target records %d: %s%n", report.sourceRecords(), report.targetRecords(),
                report.inSync() ? "IN SYNC" : "NOT IN SYNC");
        out.flush();
    }
}
