package io.hybridpipe.local.report;

import java.util.Locale;

/**
 * The plotting area of one SVG chart: maps data coordinates to pixels and draws the axes with round-numbered
 * ticks. Charts are drawn on a fixed canvas and scale with the page through {@code viewBox}.
 */
final class ChartFrame {

    static final int WIDTH = 760;
    static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 28;
    private static final int BOTTOM = 44;

    private final double xMax;
    private final double yMax;

    /** A frame from 0 to a round number at or above each maximum. */
    ChartFrame(double xMax, double yMax) {
        this.xMax = niceCeiling(xMax);
        this.yMax = niceCeiling(yMax);
    }

    double x(double value) {
        return LEFT + value / xMax * (WIDTH - LEFT - RIGHT);
    }

    double y(double value) {
        return HEIGHT - BOTTOM - value / yMax * (HEIGHT - TOP - BOTTOM);
    }

    double yMax() {
        return yMax;
    }

    double xMax() {
        return xMax;
    }

    static String open(String id, String title) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + id + "\" class=\"chart\" viewBox=\"0 0 " + WIDTH + " "
                + HEIGHT + "\" role=\"img\" aria-label=\"" + Xml.escape(title) + "\">\n<title>" + Xml.escape(title)
                + "</title>\n";
    }

    /** Axes, grid lines and tick labels, with a label under the x axis and beside the y axis. */
    String axes(String xLabel, String yLabel, boolean yAsPercent) {
        StringBuilder b = new StringBuilder("<g class=\"axes\">\n");
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            double py = y(v);
            b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
                    x(0), py, x(xMax), py));
            String label = yAsPercent ? Math.round(v * 100) + "%" : number(v);
            b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    x(0) - 6, py + 4, label));
        }
        for (int i = 0; i <= 6; i++) {
            double v = xMax * i / 6;
            b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    x(v), y(0) + 16, number(v)));
        }
        b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
                x(0), y(0), x(xMax), y(0)));
        b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
                x(0), y(0), x(0), y(yMax)));
        b.append(String.format(Locale.ROOT, "<text class=\"axis-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                x(xMax / 2), HEIGHT - 6, Xml.escape(xLabel)));
        b.append(String.format(Locale.ROOT, "<text class=\"axis-label\" x=\"%d\" y=\"%d\">%s</text>%n", LEFT - 56, TOP - 12,
                Xml.escape(yLabel)));
        return b.append("</g>\n").toString();
    }

    /** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least {@code v} (1 for nothing to show). */
    static double niceCeiling(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= v * (1 - 1e-9)) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String number(double v) {
        if (v >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000);
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
