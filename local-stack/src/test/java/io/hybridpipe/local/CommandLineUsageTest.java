package io.hybridpipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Wrong command lines end with exit code 2 and say what is wrong, before any engine starts. */
class CommandLineUsageTest {

    @Test
    void tweetsAndDurationTogetherAreRefused() {
        CliRun run = CliRun.of("demo", "--tweets", "100", "--duration", "10s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(HybridPipeCli.EXIT_USAGE);
        assertThat(run.err()).contains("--tweets", "--duration", "mutually exclusive");
        assertThat(CliRun.leftoverChildren()).isEmpty();
    }

    @Test
    void aRateOfZeroIsRefused() {
        CliRun run = CliRun.of("demo", "--tweets", "100", "--rate", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(HybridPipeCli.EXIT_USAGE);
        assertThat(run.err()).contains("--rate must be > 0, was 0.0");
    }

    @Test
    void anUnreadableDurationIsRefused() {
        CliRun run = CliRun.of("up", "--stop-after", "soon");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(HybridPipeCli.EXIT_USAGE);
        assertThat(run.err()).contains("'soon' is not a duration");
    }

    @Test
    void noSubCommandIsRefused() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(HybridPipeCli.EXIT_USAGE);
        assertThat(run.err()).contains("Missing sub-command: demo, up or x-emulator");
    }

    @Test
    void anUnknownOptionIsRefused() {
        CliRun run = CliRun.of("demo", "--tweets", "100", "--speed", "fast");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(HybridPipeCli.EXIT_USAGE);
        assertThat(run.err()).contains("Unknown option", "--speed");
    }
}
