package io.hybridpipe.spark.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.hybridpipe.spark.config.JobSettings;

/** The example settings files in {@code conf/} hold every reconcile key the README documents, and parse. */
class ReconcileSettingsExampleTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    static Stream<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("conf"))) {
            List<Path> examples = files.filter(f -> f.toString().endsWith(".properties")).sorted().toList();
            assertThat(examples).isNotEmpty();
            return examples.stream();
        }
    }

    /**
     * The keys in the first column of the README's reconcile settings table; {@code .suffix} is relative to the
     * row's first key ({@code hybridpipe.hive.jdbc-url}, {@code .table} -> {@code hybridpipe.hive.table}).
     */
    static List<String> readmeReconcileKeys() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## Reconcile");
        int table = readme.indexOf("| key | meaning |", section);
        assertThat(section).as("README has the reconcile section").isNotNegative();
        assertThat(table).as("README has the reconcile settings table").isPositive();
        List<String> keys = new ArrayList<>();
        for (String line : readme.substring(table).split("\n")) {
            if (!line.startsWith("|")) {
                break;
            }
            String firstCell = line.split("\\|")[1];
            Matcher m = CODE.matcher(firstCell);
            String first = null;
            while (m.find()) {
                String token = m.group(1);
                if (token.startsWith("hybridpipe.")) {
                    first = first == null ? token : first;
                    keys.add(token);
                } else if (token.startsWith(".") && first != null) {
                    keys.add(first.substring(0, first.lastIndexOf('.')) + token);
                }
            }
        }
        return keys;
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void everyReconcileKeyTheReadmeDocumentsIsInTheExample(Path example) throws IOException {
        List<String> documented = readmeReconcileKeys();
        assertThat(documented).as("the README table as parsed").contains("hybridpipe.raw.location",
                "hybridpipe.hive.jdbc-url", "hybridpipe.hive.password-env", "hybridpipe.onprem.kafka.topic",
                "hybridpipe.onprem.kafka.producer.*");
        Set<String> present = JobSettings.load(example, Map.of()).withPrefix("hybridpipe.").keySet().stream()
                .map(k -> "hybridpipe." + k).collect(java.util.stream.Collectors.toSet());

        for (String key : documented) {
            if (key.endsWith(".*")) {
                String prefix = key.substring(0, key.length() - 1);
                assertThat(present).as(example + " shows a " + key + " setting").anyMatch(k -> k.startsWith(prefix));
            } else {
                assertThat(present).as(example + " holds " + key).contains(key);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void theExampleParsesIntoValidReconcileSettingsWithoutASecret(Path example) {
        JobSettings settings = JobSettings.load(example, Map.of());
        ReconcileSettings reconcile = new ReconcileSettings(settings);

        assertThat(reconcile.rawLocation()).startsWith("hdfs://");
        assertThat(reconcile.hiveJdbcUrl()).startsWith("jdbc:hive2://");
        assertThat(reconcile.hiveTable()).isEqualTo("default.tweets");
        assertThat(reconcile.storageBase()).startsWith("s3a://");
        assertThat(reconcile.warehouseTable().qualified()).isNotBlank();
        assertThat(reconcile.warehouseConnectionProperties().getProperty("driver")).isNotBlank();
        assertThat(reconcile.onpremBootstrapServers()).matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*");
        assertThat(reconcile.onpremTopic()).isEqualTo("tweets");
        assertThat(reconcile.producerExtras()).isNotEmpty();
        assertThat(settings.withPrefix("hybridpipe.").keySet())
                .as("passwords are named by *-env keys, never given").noneMatch(k -> k.matches(".*(password|secret)"));
    }
}
