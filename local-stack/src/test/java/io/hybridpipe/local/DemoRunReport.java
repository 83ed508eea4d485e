package io.hybridpipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a demo run left in its report directory, and the checks every demo test makes on it. */
final class DemoRunReport {

    private static final String[] STAGES = {"kafka_onprem", "hive", "kafka_aws", "warehouse"};

    private DemoRunReport() {
    }

    /** Asserts index.html and run.json exist and that run.json says every stage holds each emitted tweet once. */
    static JsonNode assertVerifiedOnceEverywhere(Path reportDir, long minimumTweets) throws IOException {
        assertThat(reportDir.resolve("index.html")).isNotEmptyFile();
        JsonNode run = new ObjectMapper().readTree(Files.readString(reportDir.resolve("run.json")));
        JsonNode verification = run.path("verification");
        assertThat(verification.path("passed").asBoolean()).as("verification in run.json: %s", verification).isTrue();
        long expected = verification.path("expected").asLong();
        assertThat(expected).isGreaterThanOrEqualTo(minimumTweets);
        assertThat(verification.path("stages")).hasSize(STAGES.length).allSatisfy(stage -> {
            assertThat(stage.path("distinct").asLong()).as("%s", stage).isEqualTo(expected);
            assertThat(stage.path("records").asLong()).as("%s", stage).isEqualTo(expected);
            assertThat(stage.path("duplicates").asLong()).as("%s", stage).isZero();
            assertThat(stage.path("missing").asLong()).as("%s", stage).isZero();
        });
        for (String stage : STAGES) {
            assertThat(run.path("stages").path(stage).path("records").asLong()).as("stage %s", stage).isEqualTo(expected);
        }
        return run;
    }
}
