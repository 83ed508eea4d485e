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
    /** About this many steps along each axis. */
    private static final int TICKS = 5;

    private final double xMax;
    private final double yMax;

    private final double xStep;
    private final double yStep;

    /** A frame from 0 to a whole number of round steps (1, 2, 2.5 or 5 times a power of ten) at or above each maximum. */
    ChartFrame(double xMax, double yMax) {
        this.xStep = niceCeiling(xMax / TICKS);
        this.yStep = niceCeiling(yMax / TICKS);
        this.xMax = xStep * Math.max(1, Math.ceil(xMax / xStep - 1e-9));
        this.yMax = yStep * Math.max(1, Math.ceil(yMax / yStep - 1e-9));
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
        for (double v = 0; v <= yMax * (1 + 1e-9); v += yStep) {
            double py = y(v);
            b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
                    x(0), py, x(xMax), py));
            String label = yAsPercent ? Math.round(v * 100) + "%" : number(v);
            b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    x(0) - 6, py + 4, label));
        }
        for (double v = 0; v <= xMax * (1 + 1e-9); v += xStep) {
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

    /** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least {@code v} (one step for nothing to show). */
    static double niceCeiling(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            return 1.0 / TICKS;
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
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return Math.abs(v * 10 - Math.rint(v * 10)) < 1e-9 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
