package io.hybridpipe.local.observe;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The live per-stage view while a run goes on. On a terminal it redraws a small table in place twice a second (a
 * bar per stage, count, rate, lag); otherwise (CI, a pipe) it prints one plain line every ten seconds, so logs stay
 * readable.
 */
public final class ProgressDisplay implements AutoCloseable {

    private static final Duration TERMINAL_PERIOD = Duration.ofMillis(500);
    private static final Duration PLAIN_PERIOD = Duration.ofSeconds(10);

    private final Supplier<StageSnapshot> source;
    private final PrintStream out;
    private final boolean terminal;
    private Ticker ticker;
    private int linesDrawn;

    public ProgressDisplay(Supplier<StageSnapshot> source, PrintStream out) {
        this(source, out, System.console() != null && !"dumb".equals(System.getenv("TERM")));
    }

    ProgressDisplay(Supplier<StageSnapshot> source, PrintStream out, boolean terminal) {
        this.source = Objects.requireNonNull(source, "source");
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
    }

    public synchronized void start() {
        if (ticker != null) {
            throw new IllegalStateException("already started");
        }
        ticker = Ticker.start("hybridpipe-progress", terminal ? TERMINAL_PERIOD : PLAIN_PERIOD, this::draw);
    }

    /**
     * A stream for messages printed while the display runs (chaos actions, say): on a terminal each line goes above
     * the live table, which is redrawn under it; printed straight to {@code out}, a line would be overwritten by the
     * next redraw. Otherwise the lines go to {@code out} as they are.
     */
    public PrintStream above() {
        return new PrintStream(new LineOutputStream(this::printAbove), true, StandardCharsets.UTF_8);
    }

    synchronized void printAbove(String line) {
        if (terminal && linesDrawn > 0) {
            out.print("\u001b[" + linesDrawn + "F\u001b[J"); // up to the table's first line, erase the table
            linesDrawn = 0;
            out.println(line);
            draw();
        } else {
            out.println(line);
            out.flush();
        }
    }

    /** Draws the current state once (also the final state when the display closes). */
    synchronized void draw() {
        StageSnapshot s = source.get();
        if (s == null) {
            return;
        }
        if (terminal) {
            List<String> lines = ProgressLines.table(s);
            StringBuilder b = new StringBuilder();
            if (linesDrawn > 0) {
                b.append("\u001b[").append(linesDrawn).append('F'); // cursor up to the first line drawn last time
            }
            for (String line : lines) {
                b.append(line).append("\u001b[K\n"); // clear what a longer previous line left behind
            }
            out.print(b);
            linesDrawn = lines.size();
        } else {
            out.println(ProgressLines.plain(s));
        }
        out.flush();
    }

    @Override
    public void close() {
        Ticker t;
        synchronized (this) {
            t = ticker;
            ticker = null;
        }
        if (t != null) {
            t.stop(Duration.ofSeconds(5));
            draw();
        }
    }
}
