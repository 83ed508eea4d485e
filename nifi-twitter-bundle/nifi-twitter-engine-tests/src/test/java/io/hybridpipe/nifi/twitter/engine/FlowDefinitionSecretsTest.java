package io.hybridpipe.nifi.twitter.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The flow definitions these tests run carry no secret: sensitive parameters are declared without a value. */
class FlowDefinitionSecretsTest {

    @Test
    void sensitiveParametersHaveNoValueAndTheBearerTokenIsOneOfThem() throws Exception {
        JsonNode flow = new ObjectMapper().readTree(EngineTestFiles.flow("x-stream-to-files.json").toFile());
        List<String> sensitive = new ArrayList<>();
        for (JsonNode context : flow.path("parameterContexts")) {
            for (JsonNode parameter : context.path("parameters")) {
                if (parameter.path("sensitive").asBoolean()) {
                    sensitive.add(parameter.path("name").asText());
                    assertThat(parameter.path("value").isMissingNode() || parameter.path("value").isNull())
                            .as("sensitive parameter %s has a value in the flow file", parameter.path("name").asText())
                            .isTrue();
                }
            }
        }
        assertThat(sensitive).contains("x.bearer.token");

        JsonNode consume = null;
        for (JsonNode processor : flow.path("flowContents").path("processors")) {
            if (processor.path("type").asText().equals("io.hybridpipe.nifi.twitter.ConsumeTwitterStream")) {
                consume = processor;
            }
        }
        assertThat(consume).as("ConsumeTwitterStream in the flow").isNotNull();
        assertThat(consume.path("properties").path("bearer-token").asText()).isEqualTo("#{x.bearer.token}");
    }
}
