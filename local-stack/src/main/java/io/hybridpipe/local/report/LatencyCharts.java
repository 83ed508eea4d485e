package io.hybridpipe.local.report;

import io.hybridpipe.local.observe.RunRecord;
import io.hybridpipe.local.observe.Stage;

import java.util.List;
import java.util.Locale;

/** The end-to-end latency distribution to Hive and to the warehouse: a histogram and a cumulative curve. */
final class LatencyCharts {

    static final String HISTOGRAM_ID = "latency-histogram";
    static final String CDF_ID = "latency-cdf";
    static final List<Stage> STAGES = List.of(Stage.HIVE, Stage.WAREHOUSE);
    private static final int BINS = 30;

    private LatencyCharts() {
    }

    static String histogram(RunRecord run) {
        long[][] ms = millis(run);
        double binWidth = new ChartFrame(maxSeconds(ms), 1).xMax() / BINS;
        int[][] counts = new int[ms.length][BINS];
        double maxShare = 0;
        for (int s = 0; s < ms.length; s++) {
            for (long v : ms[s]) {
                counts[s][Math.min(BINS - 1, (int) (v / 1000.0 / binWidth))]++;
            }
            for (int c : counts[s]) {
                maxShare = Math.max(maxShare, ms[s].length == 0 ? 0 : (double) c / ms[s].length);
            }
        }
        ChartFrame f = new ChartFrame(binWidth * BINS, maxShare);
        StringBuilder b = new StringBuilder(ChartFrame.open(HISTOGRAM_ID,
                "Latency from emission to first seen, histogram"));
        b.append(f.axes("seconds from emission (created_at) to first seen", "share of samples", true));
        double barWidth = (f.x(binWidth) - f.x(0)) / ms.length;
        for (int s = 0; s < ms.length; s++) {
            Stage stage = STAGES.get(s);
            b.append("<g class=\"bars\" data-series=\"").append(RunJson.key(stage)).append("\" fill=\"")
                    .append(StageColors.of(stage)).append("\">\n");
            for (int i = 0; i < BINS; i++) {
                if (counts[s][i] == 0) {
                    continue;
                }
                double share = (double) counts[s][i] / ms[s].length;
                double x = f.x(i * binWidth) + s * barWidth;
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                                + "<title>%s %.1f-%.1f s: %d samples</title></rect>%n", x, f.y(share), barWidth,
                        f.y(0) - f.y(share), stage.label(), i * binWidth, (i + 1) * binWidth, counts[s][i]));
            }
            b.append("</g>\n");
        }
        return b.append("</svg>\n").toString();
    }

    static String cdf(RunRecord run) {
        long[][] ms = millis(run);
        ChartFrame f = new ChartFrame(maxSeconds(ms), 1.0);
        StringBuilder b = new StringBuilder(ChartFrame.open(CDF_ID,
                "Latency from emission to first seen, cumulative"));
        b.append(f.axes("seconds from emission (created_at) to first seen", "samples at or below", true));
        for (int s = 0; s < ms.length; s++) {
            Stage stage = STAGES.get(s);
            long[] sorted = ms[s];
            StringBuilder p = new StringBuilder(String.format(Locale.ROOT, "%.1f,%.1f ", f.x(0), f.y(0)));
            for (int i = 0; i < sorted.length; i++) {
                double x = f.x(sorted[i] / 1000.0);
                p.append(String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f ", x, f.y((double) i / sorted.length), x,
                        f.y((double) (i + 1) / sorted.length)));
            }
            b.append(String.format(Locale.ROOT, "<polyline class=\"series\" data-series=\"%s\" fill=\"none\" "
                    + "stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", RunJson.key(stage), StageColors.of(stage),
                    p.toString().trim()));
        }
        for (int pct : new int[] {50, 95, 99}) {
            double y = f.y(pct / 100.0);
            // p95 and p99 are a few pixels apart: p95's label goes under its line, the others above
            double labelY = pct == 95 ? y + 11 : y - 3;
            b.append(String.format(Locale.ROOT, "<line class=\"guide\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">p%d</text>%n", f.x(0), y,
                    f.x(f.xMax()), y, f.x(f.xMax()) - 2, labelY, pct));
        }
        return b.append("</svg>\n").toString();
    }

    private static long[][] millis(RunRecord run) {
        long[][] ms = new long[STAGES.size()][];
        for (int s = 0; s < STAGES.size(); s++) {
            ms[s] = LatencySummary.sortedMillis(run.latencies(STAGES.get(s)));
        }
        return ms;
    }

    private static double maxSeconds(long[][] ms) {
        long max = 0;
        for (long[] sorted : ms) {
            if (sorted.length > 0) {
                max = Math.max(max, sorted[sorted.length - 1]);
            }
        }
        return max / 1000.0;
    }
}
