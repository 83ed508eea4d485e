package io.hybridpipe.local.report;

import io.hybridpipe.local.observe.Marker;
import io.hybridpipe.local.observe.RunRecord;
import io.hybridpipe.local.observe.Stage;
import io.hybridpipe.local.observe.StageSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Records per second into each stage over the run, the emulator's rate beside them, chaos and other markers. */
final class ThroughputChart {

    static final String ID = "throughput-chart";

    private ThroughputChart() {
    }

    static String svg(RunRecord run) {
        List<StageSnapshot> points = run.timeline();
        double[] emittedRate = emittedRates(points);
        double maxRate = 0;
        for (int i = 0; i < points.size(); i++) {
            maxRate = Math.max(maxRate, emittedRate[i]);
            for (Stage stage : Stage.values()) {
                maxRate = Math.max(maxRate, points.get(i).stage(stage).ratePerSecond());
            }
        }
        ChartFrame f = new ChartFrame(seconds(run, run.endedAt()), maxRate);
        StringBuilder b = new StringBuilder(ChartFrame.open(ID, "Throughput per stage over time"));
        b.append(f.axes("seconds since start", "records/s", false));
        b.append(polyline(f, run, points, emittedRate, "emitted", StageColors.EMITTED, "4 3"));
        for (Stage stage : Stage.values()) {
            double[] rates = points.stream().mapToDouble(p -> p.stage(stage).ratePerSecond()).toArray();
            b.append(polyline(f, run, points, rates, RunJson.key(stage), StageColors.of(stage), null));
        }
        int n = 0;
        for (Marker m : run.markers()) {
            n++;
            double x = f.x(Math.min(f.xMax(), seconds(run, m.at())));
            b.append(String.format(Locale.ROOT, "<g class=\"marker\"><title>%s</title>"
                            + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text></g>%n",
                    Xml.escape(m.event()), x, f.y(0), x, f.y(f.yMax()), x, f.y(f.yMax()) - 4, n));
        }
        return b.append("</svg>\n").toString();
    }

    private static String polyline(ChartFrame f, RunRecord run, List<StageSnapshot> points, double[] values,
                                   String series, String color, String dash) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.x(seconds(run, points.get(i).at())), f.y(values[i])));
        }
        return String.format(Locale.ROOT, "<polyline class=\"series\" data-series=\"%s\" fill=\"none\" stroke=\"%s\" "
                        + "stroke-width=\"2\"%s points=\"%s\"/>%n", series, color,
                dash == null ? "" : " stroke-dasharray=\"" + dash + "\"", p.toString().trim());
    }

    private static double[] emittedRates(List<StageSnapshot> points) {
        double[] rates = new double[points.size()];
        for (int i = 1; i < points.size(); i++) {
            StageSnapshot a = points.get(i - 1);
            StageSnapshot b = points.get(i);
            double s = Math.max(1e-3, Duration.between(a.at(), b.at()).toMillis() / 1000.0);
            rates[i] = Math.max(0, b.emittedSent() - a.emittedSent()) / s;
        }
        return rates;
    }

    private static double seconds(RunRecord run, Instant at) {
        return Math.max(0, Duration.between(run.startedAt(), at).toMillis() / 1000.0);
    }
}
