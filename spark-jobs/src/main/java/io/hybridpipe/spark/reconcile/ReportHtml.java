package io.hybridpipe.spark.reconcile;

import java.util.List;
import java.util.Map;

/** {@code reconcile.html}: one self-contained page (inline style, no script, nothing fetched). */
public final class ReportHtml {

    private ReportHtml() {
    }

    public static String render(ReconcileReport report) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>reconcile ").append(esc(report.range()))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #999;padding:4px 8px;text-align:right}td:first-child{text-align:left}"
                        + ".bad{background:#fdd}.ok{background:#dfd}code{font-size:90%}</style></head><body>\n");
        h.append("<h1>reconcile ").append(esc(report.range())).append("</h1>\n<p>cloud: ").append(esc(ReportTable.sides(report)))
                .append(" &middot; run <code>").append(esc(report.runId())).append("</code> &middot; ")
                .append(report.millis()).append(" ms</p>\n");
        h.append("<p class=\"").append(report.matches() ? "ok\">MATCH: the cloud holds exactly the raw layer's tweets"
                : "bad\">DIFFERENCES found (ids not in raw are reported, never deleted)").append("</p>\n");
        h.append("<table><tr><th>partition</th><th>Hive</th><th>raw</th><th>S3</th><th>warehouse</th><th>missing in S3</th>"
                + "<th>missing in warehouse</th><th>not in raw</th><th>twice in S3</th><th>twice in warehouse</th></tr>\n");
        for (PartitionReport p : report.partitions()) {
            h.append("<tr class=\"").append(p.matches() ? "ok" : "bad").append("\"><td>").append(esc(p.partition()))
                    .append("</td><td>").append(p.hiveRegistered() ? "yes" : "NOT registered").append("</td>");
            for (Object v : new Object[] {p.raw(), p.s3(), p.warehouse(), p.missingInS3(), p.missingInWarehouse(),
                    p.notInRaw(), p.duplicatedInS3(), p.duplicatedInWarehouse()}) {
                h.append("<td>").append(v == null ? "&ndash;" : v).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        for (PartitionReport p : report.partitions()) {
            for (Map.Entry<String, List<String>> s : p.samples().entrySet()) {
                h.append("<p>").append(esc(p.partition())).append(" ").append(esc(s.getKey())).append(": <code>")
                        .append(esc(String.join(", ", s.getValue()))).append("</code></p>\n");
            }
        }
        report.repair().ifPresent(r -> h.append("<p>repair (").append(r.target()).append("): ").append(r.tweets())
                .append(" tweets").append(r.manifest() == null ? "" : ", manifest <code>" + esc(r.manifest()) + "</code>")
                .append("</p>\n"));
        return h.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
