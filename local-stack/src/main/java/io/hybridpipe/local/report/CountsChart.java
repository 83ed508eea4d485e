package io.hybridpipe.local.report;

import io.hybridpipe.local.observe.StageVerification;
import io.hybridpipe.local.observe.VerificationResult;

import java.util.Locale;

/** Distinct ids per stage against the emitted ids, with duplicates and missing ids called out. */
final class CountsChart {

    static final String ID = "counts-chart";
    private static final int ROW = 44;
    private static final int LEFT = 130;
    private static final int WIDTH = 760;

    private CountsChart() {
    }

    static String svg(VerificationResult v) {
        long max = v.expected();
        for (StageVerification s : v.stages()) {
            max = Math.max(max, s.distinct() + s.duplicates());
        }
        double scale = (WIDTH - LEFT - 190) / (double) Math.max(1, max);
        int height = ROW * (v.stages().size() + 1) + 10;
        StringBuilder b = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + ID + "\" class=\"chart\" "
                + "viewBox=\"0 0 " + WIDTH + " " + height + "\" role=\"img\" aria-label=\"Distinct tweet ids per stage\">\n"
                + "<title>Distinct tweet ids per stage</title>\n");
        bar(b, 0, "emitted", "emitted", v.expected(), 0, StageColors.EMITTED, scale,
                String.format(Locale.ROOT, "%,d distinct", v.expected()));
        int row = 1;
        for (StageVerification s : v.stages()) {
            String note = String.format(Locale.ROOT, "%,d distinct", s.distinct())
                    + (s.duplicates() > 0 ? String.format(Locale.ROOT, ", %,d duplicated", s.duplicates()) : "")
                    + (s.missing() > 0 ? String.format(Locale.ROOT, ", %,d missing", s.missing()) : "")
                    + (s.unexpected() > 0 ? String.format(Locale.ROOT, ", %,d unexpected", s.unexpected()) : "");
            bar(b, row++, RunJson.key(s.stage()), s.stage().label(), s.distinct(), s.duplicates(),
                    StageColors.of(s.stage()), scale, note);
        }
        return b.append("</svg>\n").toString();
    }

    private static void bar(StringBuilder b, int row, String key, String label, long distinct, long duplicates,
                            String color, double scale, String note) {
        double y = 10 + row * ROW;
        double w = distinct * scale;
        b.append(String.format(Locale.ROOT, "<g class=\"count\" data-series=\"%s\" data-distinct=\"%d\">"
                        + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>"
                        + "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"26\" fill=\"%s\"/>",
                key, distinct, LEFT - 8, y + 18, Xml.escape(label), LEFT, y, w, color));
        if (duplicates > 0) {
            b.append(String.format(Locale.ROOT, "<rect class=\"duplicates\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    + "height=\"26\"/>", LEFT + w, y, Math.max(2, duplicates * scale)));
        }
        b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%s</text></g>%n",
                LEFT + w + Math.max(2, duplicates * scale) + 6, y + 18, Xml.escape(note)));
    }
}
