package io.hybridpipe.local.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridpipe.local.observe.RunRecord;
import io.hybridpipe.local.observe.Stage;
import io.hybridpipe.local.observe.StageVerification;
import io.hybridpipe.local.observe.VerificationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void theHtmlPageShowsTheVerificationTableLatencyFiguresAndChartsOfTheRun() throws Exception {
        RunRecord run = SampleRuns.run();
        VerificationResult verification = SampleRuns.warehouseMissesThree();
        Path index = RunReportWriter.write(run, verification, dir);

        assertThat(index).isEqualTo(dir.resolve("index.html"));
        String html = Files.readString(index);
        assertThat(html).doesNotContain("http://cdn", "https://", "<script");
        ReportContents page = ReportContents.read(index);
        assertThat(page.text("h1", "verdict")).startsWith("FAIL");
        assertThat(page.verificationRow("warehouse")).containsEntry("expected", "1,000").containsEntry("distinct", "997")
                .containsEntry("missing", "3").containsEntry("duplicates", "0").containsEntry("verdict", "FAIL");
        assertThat(page.verificationRow("hive")).containsEntry("distinct", "1,000").containsEntry("verdict", "PASS");

        assertThat(page.latencyMillis("hive")).containsEntry("p50", "500").containsEntry("p95", "950")
                .containsEntry("p99", "990");
        assertThat(page.latencyMillis("warehouse")).containsEntry("p99", "9900");
        assertThat(page.latencyRow("hive")).containsEntry("polled-every", "1,400 ms").containsEntry("samples", "100");
        assertThat(page.text("div", "tile-p99-warehouse")).contains("9.90 s");

        assertThat(page.svgIds()).containsExactly("throughput-chart", "latency-histogram", "latency-cdf", "counts-chart");
        assertThat(page.series("throughput-chart", "polyline"))
                .containsExactly("emitted", "kafka_onprem", "hive", "kafka_aws", "warehouse");
        assertThat(page.points("throughput-chart", "hive").split(" ")).hasSize(run.timeline().size());
        assertThat(page.series("latency-cdf", "polyline")).containsExactly("hive", "warehouse");
        assertThat(page.series("latency-histogram", "g")).containsExactly("hive", "warehouse");
        assertThat(page.series("counts-chart", "g"))
                .containsExactly("emitted", "kafka_onprem", "hive", "kafka_aws", "warehouse");
        assertThat(page.attribute("svg", "throughput-chart", "viewBox")).isEqualTo("0 0 760 300");
        assertThat(html).contains("chaos: restart broker &lt;aws&gt; &amp; wait");
        assertThat(html).contains("resolution").contains("every 1.0 s");
    }

    @Test
    void runJsonHoldsTheSameNumbersUnderStableNames() throws Exception {
        RunRecord run = SampleRuns.run();
        VerificationResult verification = SampleRuns.warehouseMissesThree();
        RunReportWriter.write(run, verification, dir);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertThat(json.path("format").asText()).isEqualTo("hybridpipe-run/1");
        assertThat(json.path("run").path("duration_ms").asLong()).isEqualTo(5_000);
        assertThat(json.path("run").path("emitted_sent").asLong()).isEqualTo(run.emittedSent());
        assertThat(json.path("verification").path("passed").asBoolean()).isFalse();
        List<StageVerification> read = new ArrayList<>();
        for (JsonNode s : json.path("verification").path("stages")) {
            Stage stage = Stage.valueOf(s.path("stage").asText().toUpperCase(java.util.Locale.ROOT));
            List<String> missing = new ArrayList<>();
            s.path("missing_examples").forEach(n -> missing.add(n.asText()));
            read.add(new StageVerification(stage, s.path("expected").asLong(), s.path("records").asLong(),
                    s.path("distinct").asLong(), s.path("duplicates").asLong(), s.path("missing").asLong(),
                    s.path("unexpected").asLong(), List.of(), missing, List.of(),
                    s.path("error").isNull() ? null : s.path("error").asText()));
        }
        assertThat(read).usingRecursiveFieldByFieldElementComparatorIgnoringFields("duplicateExamples",
                "unexpectedExamples").isEqualTo(verification.stages());
        assertThat(json.path("stages").path("hive").path("latency_ms").path("p99").asLong()).isEqualTo(990);
        assertThat(json.path("stages").path("warehouse").path("latency_ms").path("samples").asInt()).isEqualTo(100);
        assertThat(json.path("stages").path("hive").path("polls").path("mean_interval_ms").asLong()).isEqualTo(1_400);
        assertThat(json.path("stages").path("kafka_aws").path("polls").path("failures").asLong()).isEqualTo(1);
        assertThat(json.path("timeline")).hasSize(run.timeline().size());
        assertThat(json.path("timeline").get(2).path("stages").path("kafka_aws").path("error").asText())
                .isEqualTo("TimeoutException: broker restarting");
        assertThat(json.path("timeline").get(4).path("t_ms").asLong()).isEqualTo(5_000);
        assertThat(json.path("markers").get(0).path("event").asText()).isEqualTo("chaos: restart MirrorMaker 2");
        assertThat(json.path("latency_samples")).hasSize(run.latencies().size());
        assertThat(json.path("probe_failures").get(0).path("stage").asText()).isEqualTo("kafka_aws");
    }

    @Test
    void aPassingRunSaysSoAtTheTop() throws Exception {
        Path index = RunReportWriter.write(SampleRuns.run(), SampleRuns.allPass(), dir);
        assertThat(ReportContents.read(index).text("h1", "verdict")).startsWith("PASS");
    }
}
