package io.hybridpipe.local.report;

import io.hybridpipe.local.observe.PollStats;
import io.hybridpipe.local.observe.RunRecord;
import io.hybridpipe.local.observe.Stage;
import io.hybridpipe.local.observe.StageVerification;
import io.hybridpipe.local.observe.VerificationResult;

import java.util.List;
import java.util.Locale;

/** The end-of-run summary printed to the console: the verdict per stage, latencies, rates. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static String render(RunRecord run, VerificationResult verification) {
        RunFigures figures = RunFigures.of(run);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "HybridPipe run: %s, %,d tweets emitted (%,d distinct ids)%n",
                Durations.human(run.duration()), run.emittedSent(), verification.expected()));
        b.append(String.format(Locale.ROOT, "%n%-14s %10s %10s %10s %10s %10s %10s  %s%n", "stage", "expected",
                "distinct", "records", "duplicates", "missing", "unexpected", "verdict"));
        for (StageVerification v : verification.stages()) {
            b.append(String.format(Locale.ROOT, "%-14s %,10d %,10d %,10d %,10d %,10d %,10d  %s%n", v.stage().label(),
                    v.expected(), v.distinct(), v.records(), v.duplicates(), v.missing(), v.unexpected(),
                    Verdicts.of(v)));
        }
        if (verification.possiblySent() > 0) {
            b.append(possiblySent(verification)).append('\n');
        }
        b.append(String.format(Locale.ROOT, "%nlatency, emitted -> first seen (ms; resolution: the interval between two "
                + "polls, set to %s, mean as polled below; 1 tweet in %d sampled)%n", Durations.human(run.pollInterval()),
                run.latencySampleEvery()));
        b.append(String.format(Locale.ROOT, "%-14s %8s %8s %8s %8s %8s %10s   %s%n", "to", "p50", "p95", "p99", "max",
                "samples", "polled", "records/s avg  peak"));
        for (Stage stage : Stage.values()) {
            LatencySummary l = figures.latency().get(stage);
            PollStats polls = run.polls().get(stage);
            b.append(String.format(Locale.ROOT, "%-14s %8s %8s %8s %8s %8d %10s   %,11.0f %,6.0f%n", stage.label(),
                    ms(l.p50()), ms(l.p95()), ms(l.p99()), ms(l.max()), l.samples(), pollEvery(polls),
                    figures.averageRate().get(stage), figures.peakRate().get(stage)));
        }
        appendProblems(b, verification);
        if (!run.probeFailures().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%n%d probe failures during the run (retried; see the report)%n",
                    run.probeFailures().size()));
        }
        b.append(String.format(Locale.ROOT, "%nRESULT: %s%n", verification.passed()
                ? "PASS - every emitted tweet is in Kafka onprem, Hive, Kafka aws and the warehouse exactly once"
                : "FAIL - see the stages marked FAIL above" + (verification.timedOut()
                        ? " (the stages had not caught up before the timeout)" : "")));
        return b.toString();
    }

    /** Why a stage may expect more than was emitted: tweets of a write that failed as a stream connection dropped. */
    static String possiblySent(VerificationResult v) {
        return String.format(Locale.ROOT, "%,d tweets possibly sent: in a write to the stream that failed as the "
                + "connection dropped, so the client may have read them or not. Each stage may hold them once; the %,d "
                + "that reached Kafka onprem are expected in every later stage.", v.possiblySent(), v.possiblySentArrived());
    }

    private static void appendProblems(StringBuilder b, VerificationResult verification) {
        for (StageVerification v : verification.stages()) {
            if (v.passed()) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "%n%s FAIL:%n", v.stage().label()));
            if (v.error() != null) {
                b.append("  could not be read: ").append(v.error()).append('\n');
            }
            problem(b, "missing", v.missing(), v.missingExamples());
            problem(b, "duplicated", v.duplicates(), v.duplicateExamples());
            problem(b, "unexpected", v.unexpected(), v.unexpectedExamples());
        }
    }

    private static void problem(StringBuilder b, String what, long count, List<String> examples) {
        if (count > 0) {
            b.append(String.format(Locale.ROOT, "  %,d %s, e.g. %s%n", count, what, String.join(", ", examples)));
        }
    }

    /** The mean interval between two polls of a stage: the resolution its latencies really had. */
    static String pollEvery(PollStats polls) {
        return polls == null || polls.polls() < 2 ? "-" : String.format(Locale.ROOT, "%,d ms", polls.meanIntervalMillis());
    }

    private static String ms(long millis) {
        return millis < 0 ? "-" : String.format(Locale.ROOT, "%,d", millis);
    }
}
