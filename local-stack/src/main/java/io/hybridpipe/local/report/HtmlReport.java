package io.hybridpipe.local.report;

import io.hybridpipe.local.observe.Marker;
import io.hybridpipe.local.observe.ProbeFailure;
import io.hybridpipe.local.observe.RunRecord;
import io.hybridpipe.local.observe.Stage;
import io.hybridpipe.local.observe.StageVerification;
import io.hybridpipe.local.observe.VerificationResult;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code index.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched), written as
 * well-formed XML so tools can read the figures back out of it.
 */
final class HtmlReport {

    private static final int MAX_FAILURE_ROWS = 200;

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
            header{padding:24px 32px;color:#fff}
            header.pass{background:#1e7b34} header.fail{background:#b3261e}
            header h1{margin:0 0 4px 0;font-size:28px} header p{margin:0;opacity:.9}
            main{padding:8px 32px 32px 32px;max-width:1100px}
            section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:16px 20px;margin:16px 0}
            h2{font-size:18px;margin:0 0 12px 0}
            .tiles{display:flex;flex-wrap:wrap;gap:12px}
            .tile{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:12px 16px;min-width:150px}
            .tile .v{font-size:24px;font-weight:600} .tile .k{font-size:12px;color:#5b6474}
            table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
            th,td{padding:6px 10px;border-bottom:1px solid #e3e6eb;text-align:right}
            th:first-child,td:first-child{text-align:left}
            td.PASS{color:#1e7b34;font-weight:700} td.FAIL{color:#b3261e;font-weight:700}
            td.examples{text-align:left;font-family:ui-monospace,monospace;font-size:12px;color:#5b6474}
            .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
            .legend span{margin-right:16px;font-size:13px}
            svg.chart{width:100%;height:auto} .chart .grid{stroke:#e3e6eb} .chart .axis{stroke:#5b6474}
            .chart .tick{font-size:11px;fill:#5b6474} .chart .axis-label{font-size:12px;fill:#1d2330}
            .chart .marker line{stroke:#6b4fbb;stroke-dasharray:4 3} .chart .marker text{font-size:11px;fill:#6b4fbb}
            .chart .guide{stroke:#c9ced6;stroke-dasharray:2 3} .chart .duplicates{fill:#b3261e}
            .note{font-size:13px;color:#5b6474}
            """;

    private HtmlReport() {
    }

    static String render(RunRecord run, VerificationResult v) {
        RunFigures figures = RunFigures.of(run);
        boolean pass = v.passed();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>HybridPipe run ").append(pass ? "PASS" : "FAIL").append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        b.append("<header class=\"").append(pass ? "pass" : "fail").append("\"><h1 id=\"verdict\">")
                .append(pass ? "PASS: every tweet, exactly once, in all four places"
                        : "FAIL: the pipeline lost, duplicated or invented tweets")
                .append("</h1><p>").append(Xml.escape(run.startedAt().toString())).append(" &#8594; ")
                .append(Xml.escape(run.endedAt().toString())).append(v.timedOut() ? " (verification timed out)" : "")
                .append("</p></header>\n<main>\n");
        tiles(b, run, v, figures);
        verification(b, v);
        throughput(b, run);
        latency(b, run, figures);
        b.append("<section><h2>Distinct tweet ids per stage</h2>\n").append(CountsChart.svg(v)).append("</section>\n");
        failures(b, run);
        b.append("<p class=\"note\">The same data, machine-readable: <a href=\"run.json\">run.json</a>.</p>\n");
        return b.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void tiles(StringBuilder b, RunRecord run, VerificationResult v, RunFigures f) {
        b.append("<div class=\"tiles\" id=\"headline\">\n");
        tile(b, "emitted", String.format(Locale.ROOT, "%,d", v.expected()), "distinct tweets emitted");
        tile(b, "duration", Durations.human(run.duration()), "run duration");
        tile(b, "rate", String.format(Locale.ROOT, "%,.0f/s", f.averageRate().get(Stage.WAREHOUSE)),
                "average into the warehouse");
        tile(b, "p99-hive", seconds(f.latency().get(Stage.HIVE).p99()), "p99 latency to Hive");
        tile(b, "p99-warehouse", seconds(f.latency().get(Stage.WAREHOUSE).p99()), "p99 latency to the warehouse");
        b.append("</div>\n");
    }

    private static void tile(StringBuilder b, String id, String value, String label) {
        b.append("<div class=\"tile\" id=\"tile-").append(id).append("\"><div class=\"v\">").append(Xml.escape(value))
                .append("</div><div class=\"k\">").append(Xml.escape(label)).append("</div></div>\n");
    }

    private static void verification(StringBuilder b, VerificationResult v) {
        b.append("<section><h2>Exactly-once verification by tweet id</h2>\n<table id=\"verification\">\n")
                .append("<thead><tr><th>stage</th><th>expected</th><th>distinct</th><th>records</th><th>duplicates</th>")
                .append("<th>missing</th><th>unexpected</th><th>verdict</th><th>examples</th></tr></thead>\n<tbody>\n");
        for (StageVerification s : v.stages()) {
            b.append("<tr data-stage=\"").append(RunJson.key(s.stage())).append("\"><td><span class=\"swatch\" style=\"background:")
                    .append(StageColors.of(s.stage())).append("\"></span>").append(s.stage().label()).append("</td>");
            cell(b, "expected", s.expected());
            cell(b, "distinct", s.distinct());
            cell(b, "records", s.records());
            cell(b, "duplicates", s.duplicates());
            cell(b, "missing", s.missing());
            cell(b, "unexpected", s.unexpected());
            String verdict = Verdicts.of(s);
            b.append("<td class=\"").append(verdict).append("\" data-col=\"verdict\">").append(verdict).append("</td>");
            b.append("<td class=\"examples\">").append(Xml.escape(examples(s))).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n<p class=\"note\">Each stage is read to the end and compared with the ids the X ")
                .append("emulator wrote to its stream connections: every emitted id must be there once, and nothing ")
                .append("else. Kafka topics are read with isolation.level=read_committed, so records of aborted ")
                .append("transactions do not count.</p>\n");
        if (v.possiblySent() > 0) {
            b.append("<p class=\"note\" id=\"possibly-sent\">").append(Xml.escape(SummaryTable.possiblySent(v)))
                    .append("</p>\n");
        }
        b.append("</section>\n");
    }

    private static void cell(StringBuilder b, String column, long value) {
        b.append("<td data-col=\"").append(column).append("\">").append(String.format(Locale.ROOT, "%,d", value))
                .append("</td>");
    }

    private static String examples(StageVerification s) {
        StringBuilder e = new StringBuilder();
        if (s.error() != null) {
            e.append("unreadable: ").append(s.error()).append(' ');
        }
        appendExamples(e, "missing", s.missingExamples());
        appendExamples(e, "duplicated", s.duplicateExamples());
        appendExamples(e, "unexpected", s.unexpectedExamples());
        return e.toString().trim();
    }

    private static void appendExamples(StringBuilder e, String what, List<String> ids) {
        if (!ids.isEmpty()) {
            e.append(what).append(": ").append(String.join(", ", ids)).append("; ");
        }
    }

    private static void throughput(StringBuilder b, RunRecord run) {
        b.append("<section><h2>Throughput per stage</h2>\n").append(legend(true)).append(ThroughputChart.svg(run));
        if (!run.markers().isEmpty()) {
            b.append("<table id=\"markers\"><thead><tr><th>#</th><th>at</th><th>event</th></tr></thead><tbody>\n");
            int n = 0;
            for (Marker m : run.markers()) {
                b.append("<tr><td>").append(++n).append("</td><td>")
                        .append(Durations.human(Duration.between(run.startedAt(), m.at()))).append("</td><td style=\"text-align:left\">")
                        .append(Xml.escape(m.event())).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("</section>\n");
    }

    private static void latency(StringBuilder b, RunRecord run, RunFigures f) {
        b.append("<section><h2>End-to-end latency to Hive and to the warehouse</h2>\n<div class=\"legend\">");
        for (Stage s : LatencyCharts.STAGES) {
            swatch(b, StageColors.of(s), s.label());
        }
        b.append("</div>\n").append(LatencyCharts.histogram(run)).append(LatencyCharts.cdf(run));
        b.append("<table id=\"latency\"><thead><tr><th>emitted &#8594; first seen in</th><th>p50</th><th>p95</th>")
                .append("<th>p99</th><th>max</th><th>samples</th><th>polled every</th></tr></thead><tbody>\n");
        for (Stage s : Stage.values()) {
            LatencySummary l = f.latency().get(s);
            b.append("<tr data-stage=\"").append(RunJson.key(s)).append("\"><td>").append(s.label()).append("</td>");
            latencyCell(b, "p50", l.p50());
            latencyCell(b, "p95", l.p95());
            latencyCell(b, "p99", l.p99());
            latencyCell(b, "max", l.max());
            b.append("<td data-col=\"samples\">").append(l.samples()).append("</td>");
            b.append("<td data-col=\"polled-every\">").append(SummaryTable.pollEvery(run.polls().get(s))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n<p class=\"note\">How latency is measured: one tweet id in ")
                .append(run.latencySampleEvery()).append(" is sampled (chosen by a hash of the id, the same ids in ")
                .append("every stage). A sampled tweet's latency to a stage is the time the first poll that found it ")
                .append("there got its answer, minus its created_at, which the X emulator stamps with the emission time to the ")
                .append("millisecond. Each stage is polled on its own every ").append(Durations.human(run.pollInterval()))
                .append(" (longer when a poll itself takes longer: the 'polled every' column is the mean interval ")
                .append("measured), and that interval is the resolution: a latency is overstated by up to one ")
                .append("interval.</p>\n")
                .append("</section>\n");
    }

    private static void latencyCell(StringBuilder b, String column, long millis) {
        b.append("<td data-col=\"").append(column).append("\" data-ms=\"").append(millis).append("\">")
                .append(seconds(millis)).append("</td>");
    }

    private static void failures(StringBuilder b, RunRecord run) {
        List<ProbeFailure> failures = run.probeFailures();
        b.append("<section><h2>Probe failures</h2>\n");
        if (failures.isEmpty()) {
            b.append("<p class=\"note\" id=\"probe-failures-none\">Every poll of every stage succeeded.</p>\n");
        } else {
            b.append("<p class=\"note\">").append(failures.size()).append(" polls failed (an engine restarting, say) ")
                    .append("and were retried at the next poll").append(failures.size() > MAX_FAILURE_ROWS
                            ? "; the first " + MAX_FAILURE_ROWS + " are listed, all are in run.json" : "")
                    .append(".</p>\n<table id=\"probe-failures\"><thead><tr><th>at</th><th>stage</th>")
                    .append("<th>error</th></tr></thead><tbody>\n");
            for (ProbeFailure f : failures.subList(0, Math.min(MAX_FAILURE_ROWS, failures.size()))) {
                b.append("<tr><td>").append(Durations.human(Duration.between(run.startedAt(), f.at()))).append("</td><td>")
                        .append(f.stage().label()).append("</td><td class=\"examples\">").append(Xml.escape(f.error()))
                        .append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("</section>\n");
    }

    private static String legend(boolean withEmitted) {
        StringBuilder b = new StringBuilder("<div class=\"legend\">");
        if (withEmitted) {
            swatch(b, StageColors.EMITTED, "emitted by X (dashed)");
        }
        for (Stage s : Stage.values()) {
            swatch(b, StageColors.of(s), s.label());
        }
        return b.append("</div>\n").toString();
    }

    private static void swatch(StringBuilder b, String color, String label) {
        b.append("<span><span class=\"swatch\" style=\"background:").append(color).append("\"></span>")
                .append(Xml.escape(label)).append("</span>");
    }

    private static String seconds(long millis) {
        return millis < 0 ? "-" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }
}
