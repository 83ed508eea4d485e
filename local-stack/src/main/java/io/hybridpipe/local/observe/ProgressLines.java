package io.hybridpipe.local.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text of the progress display: a table for terminals, one line for logs. */
final class ProgressLines {

    private static final int BAR_WIDTH = 24;

    private ProgressLines() {
    }

    static List<String> table(StageSnapshot s) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "hybridpipe demo  %s elapsed   emitted %,d tweets (%,d distinct)",
                elapsed(s), s.emittedSent(), s.emittedDistinct()));
        lines.add(String.format(Locale.ROOT, "  %-13s %-" + BAR_WIDTH + "s %12s %10s %10s", "stage", "", "count",
                "rate/s", "lag"));
        for (Stage stage : Stage.values()) {
            StageStatus st = s.stage(stage);
            String tail = st.healthy() ? "" : "  ! " + st.lastError();
            lines.add(String.format(Locale.ROOT, "  %-13s %s %,12d %,10.0f %,10d%s", stage.label(),
                    bar(st.records(), s.emittedSent()), st.records(), st.ratePerSecond(), st.lag(), tail));
        }
        return lines;
    }

    static String plain(StageSnapshot s) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "[%s] emitted %d", elapsed(s),
                s.emittedSent()));
        for (Stage stage : Stage.values()) {
            StageStatus st = s.stage(stage);
            b.append(String.format(Locale.ROOT, " | %s %d (%.0f/s, lag %d)%s", stage.label(), st.records(),
                    st.ratePerSecond(), st.lag(), st.healthy() ? "" : " unreachable: " + st.lastError()));
        }
        return b.toString();
    }

    /** A bar of how far a stage is towards the emitted count. */
    static String bar(long have, long of) {
        double fraction = of <= 0 ? 0 : Math.min(1.0, (double) have / of);
        int full = (int) Math.round(fraction * BAR_WIDTH);
        return "\u2588".repeat(full) + "\u2591".repeat(BAR_WIDTH - full);
    }

    private static String elapsed(StageSnapshot s) {
        long secs = s.elapsed().toSeconds();
        return String.format(Locale.ROOT, "%d:%02d", secs / 60, secs % 60);
    }
}
