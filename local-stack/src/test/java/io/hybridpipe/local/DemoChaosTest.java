package io.hybridpipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code hybridpipe demo --chaos}: MirrorMaker 2 and the Spark job are killed with SIGKILL and restarted, the aws
 * broker is stopped and restarted, the X stream is stalled and cut, kafka-to-hive's NiFi engine is killed, and every
 * tweet is still verified exactly once.
 */
class DemoChaosTest {

    private static final Pattern RESTART = Pattern.compile("chaos: restart (.+?) \\(kill -9, start\\) -> pid (\\d+) killed "
            + "\\(SIGKILL\\), restarted as pid (\\d+)");
    private static final Pattern CONNECTIONS = Pattern.compile("X emulator: \\d+ tweets written to sockets "
            + "\\(\\d+ more in writes that failed\\), (\\d+) stream connection attempts");
    private static final Pattern HIVE_ENGINE_STARTS = Pattern.compile("kafka-to-hive: \\d+ batches on (\\d+) engine start");

    @Test
    void theRunSurvivesEveryChaosActionExactlyOnce() throws Exception {
        Path reportDir = Path.of("target/tmp/chaos-report").toAbsolutePath();

        CliRun run = CliRun.of("demo", "--tweets", "4000", "--rate", "100", "--chaos",
                "--work-dir", "target/tmp/chaos-test", "--report-dir", reportDir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(HybridPipeCli.EXIT_OK);
        Matcher restarts = RESTART.matcher(run.out());
        int restarted = 0;
        while (restarts.find()) {
            assertThat(restarts.group(3)).as("new pid of %s", restarts.group(1)).isNotEqualTo(restarts.group(2));
            restarted++;
        }
        assertThat(restarted).as("MirrorMaker 2 and the Spark job restarted\n%s", run).isEqualTo(2);
        assertThat(run.out()).contains("chaos: restart Kafka broker aws", "-> broker back at 127.0.0.1:",
                "chaos: stall the X stream", "chaos: disconnect the X stream mid-stream");
        Matcher connections = CONNECTIONS.matcher(run.out());
        assertThat(connections.find()).as(run.toString()).isTrue();
        assertThat(Integer.parseInt(connections.group(1))).as("the flow reconnected after the cut").isGreaterThanOrEqualTo(2);
        assertThat(run.out()).as("why the stream ended is shown").containsPattern(
                "  stream ended [0-9:.]+ UTC: disconnectAfterTweets fault; \\d+ queued tweets lost");
        assertThat(run.out()).contains("chaos: kill the kafka-to-hive NiFi engine (kill -9) -> pid ");
        Matcher engineStarts = HIVE_ENGINE_STARTS.matcher(run.out());
        assertThat(engineStarts.find()).as(run.toString()).isTrue();
        assertThat(Integer.parseInt(engineStarts.group(1))).as("a new kafka-to-hive engine replaced the killed one")
                .isGreaterThanOrEqualTo(2);

        // the cut loses what X had queued behind it on that connection (as X does) unless a backfill re-sends it;
        // what counts is that every tweet X did send is everywhere exactly once
        JsonNode report = DemoRunReport.assertVerifiedOnceEverywhere(reportDir, 3_800);
        assertThat(report.toString()).contains("chaos: restart MirrorMaker 2", "chaos: restart the Spark job",
                "chaos: restart Kafka broker aws", "chaos: kill the kafka-to-hive NiFi engine");
        assertThat(CliRun.leftoverChildren()).as("child processes after the demo").isEmpty();
    }
}
