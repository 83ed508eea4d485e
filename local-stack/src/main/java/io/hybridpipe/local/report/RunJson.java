package io.hybridpipe.local.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridpipe.local.observe.LatencySample;
import io.hybridpipe.local.observe.Marker;
import io.hybridpipe.local.observe.PollStats;
import io.hybridpipe.local.observe.ProbeFailure;
import io.hybridpipe.local.observe.RunRecord;
import io.hybridpipe.local.observe.Stage;
import io.hybridpipe.local.observe.StageSnapshot;
import io.hybridpipe.local.observe.StageStatus;
import io.hybridpipe.local.observe.StageVerification;
import io.hybridpipe.local.observe.VerificationResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code run.json}: the run and its verification, machine-readable. Field names are snake_case and stable
 * ({@value #FORMAT}); stages are keyed by {@link #key(Stage)}; times are ISO-8601 UTC ({@code *_at}) and
 * milliseconds since the run started ({@code t_ms}); latencies and durations are milliseconds ({@code *_ms}).
 */
final class RunJson {

    static final String FORMAT = "hybridpipe-run/1";
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunJson() {
    }

    static String key(Stage stage) {
        return stage.name().toLowerCase(Locale.ROOT);
    }

    static ObjectNode toJson(RunRecord run, VerificationResult verification) {
        RunFigures figures = RunFigures.of(run);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode r = root.putObject("run");
        r.put("started_at", run.startedAt().toString());
        r.put("ended_at", run.endedAt().toString());
        r.put("duration_ms", run.duration().toMillis());
        r.put("poll_interval_ms", run.pollInterval().toMillis());
        r.put("latency_sample_every", run.latencySampleEvery());
        r.put("emitted_sent", run.emittedSent());
        r.put("emitted_distinct", run.emittedDistinct());
        root.set("verification", verification(verification));
        ObjectNode stages = root.putObject("stages");
        for (Stage stage : Stage.values()) {
            ObjectNode s = stages.putObject(key(stage));
            s.put("label", stage.label());
            s.put("records", figures.finalRecords().get(stage));
            s.put("average_rate_per_s", figures.averageRate().get(stage));
            s.put("peak_rate_per_s", figures.peakRate().get(stage));
            LatencySummary l = figures.latency().get(stage);
            ObjectNode lat = s.putObject("latency_ms");
            lat.put("samples", l.samples());
            lat.put("p50", l.p50());
            lat.put("p95", l.p95());
            lat.put("p99", l.p99());
            lat.put("max", l.max());
            PollStats p = run.polls().get(stage);
            if (p != null) {
                ObjectNode polls = s.putObject("polls");
                polls.put("count", p.polls());
                polls.put("failures", p.failures());
                polls.put("mean_interval_ms", p.meanIntervalMillis());
                polls.put("max_interval_ms", p.maxIntervalMillis());
                polls.put("mean_poll_ms", p.meanPollMillis());
            }
        }
        root.set("timeline", timeline(run));
        root.set("markers", markers(run));
        root.set("latency_samples", latencySamples(run));
        root.set("probe_failures", probeFailures(run));
        return root;
    }

    private static ObjectNode verification(VerificationResult v) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("passed", v.passed());
        n.put("timed_out", v.timedOut());
        n.put("verified_at", v.verifiedAt().toString());
        n.put("expected", v.expected());
        n.put("possibly_sent", v.possiblySent());
        n.put("possibly_sent_arrived", v.possiblySentArrived());
        ArrayNode stages = n.putArray("stages");
        for (StageVerification s : v.stages()) {
            ObjectNode e = stages.addObject();
            e.put("stage", key(s.stage()));
            e.put("verdict", Verdicts.of(s));
            e.put("expected", s.expected());
            e.put("records", s.records());
            e.put("distinct", s.distinct());
            e.put("duplicates", s.duplicates());
            e.put("missing", s.missing());
            e.put("unexpected", s.unexpected());
            strings(e.putArray("duplicate_examples"), s.duplicateExamples());
            strings(e.putArray("missing_examples"), s.missingExamples());
            strings(e.putArray("unexpected_examples"), s.unexpectedExamples());
            e.put("error", s.error());
        }
        return n;
    }

    private static ArrayNode timeline(RunRecord run) {
        ArrayNode points = MAPPER.createArrayNode();
        for (StageSnapshot s : run.timeline()) {
            ObjectNode p = points.addObject();
            p.put("t_ms", sinceStart(run, s.at()));
            p.put("at", s.at().toString());
            p.put("emitted_sent", s.emittedSent());
            p.put("emitted_distinct", s.emittedDistinct());
            ObjectNode stages = p.putObject("stages");
            for (Stage stage : Stage.values()) {
                StageStatus st = s.stage(stage);
                ObjectNode e = stages.putObject(key(stage));
                e.put("records", st.records());
                e.put("distinct", st.distinct());
                e.put("rate_per_s", st.ratePerSecond());
                e.put("lag", st.lag());
                e.put("error", st.lastError());
            }
        }
        return points;
    }

    private static ArrayNode markers(RunRecord run) {
        ArrayNode markers = MAPPER.createArrayNode();
        for (Marker m : run.markers()) {
            ObjectNode e = markers.addObject();
            e.put("t_ms", sinceStart(run, m.at()));
            e.put("at", m.at().toString());
            e.put("event", m.event());
        }
        return markers;
    }

    private static ArrayNode latencySamples(RunRecord run) {
        ArrayNode samples = MAPPER.createArrayNode();
        for (LatencySample l : run.latencies()) {
            ObjectNode e = samples.addObject();
            e.put("stage", key(l.stage()));
            e.put("tweet_id", l.tweetId());
            e.put("created_at", l.createdAt().toString());
            e.put("seen_at", l.seenAt().toString());
            e.put("latency_ms", l.millis());
        }
        return samples;
    }

    private static ArrayNode probeFailures(RunRecord run) {
        ArrayNode failures = MAPPER.createArrayNode();
        for (ProbeFailure f : run.probeFailures()) {
            ObjectNode e = failures.addObject();
            e.put("t_ms", sinceStart(run, f.at()));
            e.put("at", f.at().toString());
            e.put("stage", key(f.stage()));
            e.put("error", f.error());
        }
        return failures;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static long sinceStart(RunRecord run, Instant at) {
        return Duration.between(run.startedAt(), at).toMillis();
    }
}
