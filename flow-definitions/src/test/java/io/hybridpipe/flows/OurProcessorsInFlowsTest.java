package io.hybridpipe.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;

import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Our processors, configured exactly as the flows configure them (parameters given their sample values), are valid. */
class OurProcessorsInFlowsTest {

    static final java.util.List<String> FLOWS = FlowFile.ALL;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("FLOWS")
    void ourProcessorsAreValidWithTheSampleParameterValues(String file) throws Exception {
        FlowFile flow = FlowFile.read(file);
        Map<String, String> values = sampleValues(flow);
        assertThat(flow.processors()).filteredOn(FlowFile.Processor::ours).isNotEmpty().allSatisfy(p -> {
            TestRunner runner = ComponentCatalog.runnerFor(p);
            p.properties().forEach((name, raw) -> {
                String value = substitute(raw, values);
                if (value != null) {
                    runner.setProperty(name, value);
                }
            });
            runner.assertValid();
        });
    }

    private Map<String, String> sampleValues(FlowFile flow) throws IOException {
        Files.writeString(dir.resolve("core-site.xml"), "<configuration/>\n");
        Properties overrides = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/sample-parameters.properties")) {
            overrides.load(in);
        }
        Map<String, String> values = new java.util.HashMap<>();
        flow.parameters().values().forEach(p -> {
            String value = overrides.getProperty(p.name(), p.value());
            if (value != null) {
                values.put(p.name(), value.replace("${test.dir}", dir.toString()));
            }
        });
        return values;
    }

    /** The property value NiFi would resolve; null when it references a parameter that has no value. */
    private static String substitute(String raw, Map<String, String> values) {
        if (raw == null) {
            return null;
        }
        Matcher m = java.util.regex.Pattern.compile("#\\{([^}]+)}").matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
