package io.hybridpipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * {@code hybridpipe demo} end to end with real engines, through the command line: every tweet the X emulator (the
 * test double of X) sent is verified by id in Kafka onprem, Hive, Kafka aws and the warehouse, exactly once.
 */
class DemoCommandTest {

    @Test
    void everyEmittedTweetIsVerifiedOnceInEveryStageAndTheReportIsWritten() throws Exception {
        Path reportDir = Path.of("target/tmp/demo-report").toAbsolutePath();

        CliRun run = CliRun.of("demo", "--tweets", "2000", "--rate", "200",
                "--work-dir", "target/tmp/demo-test", "--report-dir", reportDir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(HybridPipeCli.EXIT_OK);
        assertThat(run.out()).contains("Stack and pipeline up in", "VERIFIED: every tweet", "Report: ");
        DemoRunReport.assertVerifiedOnceEverywhere(reportDir, 2_000);
        assertThat(CliRun.leftoverChildren()).as("child processes after the demo").isEmpty();
    }
}
