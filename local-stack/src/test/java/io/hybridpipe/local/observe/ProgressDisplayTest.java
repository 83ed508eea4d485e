package io.hybridpipe.local.observe;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressDisplayTest {

    private static StageSnapshot snapshot() {
        Map<Stage, StageStatus> stages = new EnumMap<>(Stage.class);
        stages.put(Stage.KAFKA_ONPREM, new StageStatus(1_000, 1_000, 250, 0, null));
        stages.put(Stage.HIVE, new StageStatus(500, -1, 125, 500, null));
        stages.put(Stage.KAFKA_AWS, new StageStatus(900, 900, 240, 100, "TimeoutException: broker down"));
        stages.put(Stage.WAREHOUSE, new StageStatus(0, -1, 0, 900, null));
        return new StageSnapshot(Instant.parse("2026-11-28T12:01:05Z"), Duration.ofSeconds(65), 1_000, 1_000, stages);
    }

    @Test
    void withoutATerminalItPrintsOnePlainLinePerDraw() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(ProgressDisplayTest::snapshot,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        display.draw();
        display.draw();

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\u001b[");
        assertThat(out.split("\n")).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("[1:05] emitted 1000")
                .contains("Hive 500 (125/s, lag 500)")
                .contains("Kafka aws 900 (240/s, lag 100) unreachable: TimeoutException: broker down"));
    }

    @Test
    void onATerminalItRedrawsTheTableInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(ProgressDisplayTest::snapshot,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        display.draw();
        int firstDraw = bytes.size();
        display.draw();

        String second = bytes.toString(StandardCharsets.UTF_8).substring(
                new String(bytes.toByteArray(), 0, firstDraw, StandardCharsets.UTF_8).length());
        assertThat(second).startsWith("\u001b[6F");
        assertThat(second).contains("Hive").contains("████████████░░░░░░░░░░░░").contains("     500");
    }

    @Test
    void onATerminalAMessageIsPrintedAboveTheTableWhichIsRedrawnUnderIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(ProgressDisplayTest::snapshot,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        display.draw();
        int firstDraw = bytes.toString(StandardCharsets.UTF_8).length();
        display.above().println("chaos: restart MirrorMaker 2");

        String after = bytes.toString(StandardCharsets.UTF_8).substring(firstDraw);
        assertThat(after).startsWith("\u001b[6F\u001b[Jchaos: restart MirrorMaker 2\n");
        assertThat(after.substring(after.indexOf('\n') + 1)).doesNotContain("\u001b[6F").contains("Warehouse");
    }

    @Test
    void withoutATerminalAMessageIsJustALine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(ProgressDisplayTest::snapshot,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        display.above().print("chaos: stall the X stream\r\n");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("chaos: stall the X stream" + System.lineSeparator());
    }
}
