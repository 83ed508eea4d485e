package io.hybridpipe.spark.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSettingsTest {

    @TempDir
    Path dir;

    @Test
    void sparkConfOverridesWinOverTheFileAndOtherSparkKeysAreIgnored() throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "hybridpipe.batch.interval=10s\nhybridpipe.kafka.topic=onprem.tweets\n");

        JobSettings s = JobSettings.load(file, Map.of(
                "spark.hybridpipe.batch.interval", "30s",
                "spark.executor.memory", "4g"));

        assertThat(s.getDuration("hybridpipe.batch.interval", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.required("hybridpipe.kafka.topic")).isEqualTo("onprem.tweets");
        assertThat(s.get("executor.memory", "absent")).isEqualTo("absent");
    }

    @Test
    void badValuesAndMissingKeysAreClearErrors() {
        JobSettings s = JobSettings.of(Map.of("hybridpipe.batch.interval", "ten seconds", "hybridpipe.kafka.max", "x"));

        assertThatThrownBy(() -> s.getDuration("hybridpipe.batch.interval", Duration.ZERO))
                .hasMessageContaining("hybridpipe.batch.interval must be like 500ms, 10s or 2m, was 'ten seconds'");
        assertThatThrownBy(() -> s.getLong("hybridpipe.kafka.max", 1)).hasMessageContaining("must be a whole number");
        assertThatThrownBy(() -> s.required("hybridpipe.storage.base")).hasMessage("missing setting hybridpipe.storage.base");
    }

    @Test
    void toStringNamesKeysButNeverValues() {
        JobSettings s = JobSettings.of(Map.of("hybridpipe.warehouse.jdbc-url", "jdbc:redshift://host:5439/db?password=s3cret"));

        assertThat(s.toString()).contains("hybridpipe.warehouse.jdbc-url").doesNotContain("s3cret");
    }

    @Test
    void prefixedKeysBecomeConsumerProperties() {
        JobSettings s = JobSettings.of(Map.of("hybridpipe.kafka.consumer.security.protocol", "SSL", "hybridpipe.kafka.topic", "t"));

        assertThat(s.withPrefix("hybridpipe.kafka.consumer.")).containsExactly(Map.entry("security.protocol", "SSL"));
    }
}
