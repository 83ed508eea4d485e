package io.hybridpipe.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Static validation of every flow definition: structure, relationships, parameters, secrets. */
class FlowStructureTest {

    static final List<String> FLOWS = FlowFile.ALL;
    private static final Pattern SECRET_LOOKING = Pattern.compile(
            "(?i)(password|passwd|secret|token|bearer|api[_-]?key)\\s*[=:]\\s*\\S+|AAAAAAAA[A-Za-z0-9%]{20,}");

    static ComponentCatalog catalog;

    @BeforeAll
    static void loadCatalog() throws Exception {
        catalog = new ComponentCatalog();
    }

    @ParameterizedTest
    @FieldSource("FLOWS")
    void isAFlowDefinitionNiFiImports(String file) throws Exception {
        FlowFile flow = FlowFile.read(file);
        assertThat(flow.root.path("flowEncodingVersion").asText()).isEqualTo("1.0");
        assertThat(flow.group().path("componentType").asText()).isEqualTo("PROCESS_GROUP");
        assertThat(flow.group().path("parameterContextName").asText()).isNotBlank();
        assertThat(flow.parameters()).isNotEmpty();
        assertThat(flow.processors()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.type()).contains(".");
            assertThat(p.bundleGroup()).isNotBlank();
            assertThat(p.bundleArtifact()).isNotBlank();
            assertThat(p.bundleVersion()).isNotBlank();
        });
        Set<String> ids = new HashSet<>();
        flow.processors().forEach(p -> assertThat(ids.add(p.id())).as("unique id %s", p.id()).isTrue());
    }

    @ParameterizedTest
    @FieldSource("FLOWS")
    void everyConnectionJoinsExistingProcessorsByExistingRelationships(String file) throws Exception {
        FlowFile flow = FlowFile.read(file);
        Map<String, FlowFile.Processor> byId = flow.processors().stream()
                .collect(Collectors.toMap(FlowFile.Processor::id, Function.identity()));
        assertThat(flow.connections()).isNotEmpty().allSatisfy(c -> {
            assertThat(byId).as("source of %s", c).containsKey(c.sourceId());
            assertThat(byId).as("destination of %s", c).containsKey(c.destinationId());
            assertThat(byId.get(c.sourceId()).name()).isEqualTo(c.sourceName());
            assertThat(byId.get(c.destinationId()).name()).isEqualTo(c.destinationName());
            assertThat(c.relationships()).isNotEmpty();
            assertThat(catalog.relationships(byId.get(c.sourceId())))
                    .as("relationships of %s", c.sourceName()).containsAll(c.relationships());
        });
    }

    @ParameterizedTest
    @FieldSource("FLOWS")
    void everyRelationshipIsConnectedOrAutoTerminatedButNotBoth(String file) throws Exception {
        FlowFile flow = FlowFile.read(file);
        Map<String, Set<String>> connected = new HashMap<>();
        flow.connections().forEach(c -> connected.computeIfAbsent(c.sourceId(), k -> new HashSet<>()).addAll(c.relationships()));
        assertThat(flow.processors()).allSatisfy(p -> {
            Set<String> wired = connected.getOrDefault(p.id(), Set.of());
            for (String relationship : catalog.relationships(p)) {
                assertThat(wired.contains(relationship) || p.autoTerminated().contains(relationship))
                        .as("%s: relationship %s is neither connected nor auto-terminated", p.name(), relationship).isTrue();
                assertThat(wired.contains(relationship) && p.autoTerminated().contains(relationship))
                        .as("%s: relationship %s is both connected and auto-terminated", p.name(), relationship).isFalse();
            }
            assertThat(catalog.relationships(p)).as("%s auto-terminates only relationships it has", p.name())
                    .containsAll(p.autoTerminated());
        });
    }

    @ParameterizedTest
    @FieldSource("FLOWS")
    void everyReferencedParameterIsDefinedAndEveryDefinedOneIsUsed(String file) throws Exception {
        FlowFile flow = FlowFile.read(file);
        Set<String> referenced = new HashSet<>();
        flow.processors().forEach(p -> p.properties().values().forEach(v -> referenced.addAll(FlowFile.referencedParameters(v))));
        assertThat(flow.parameters().keySet()).containsAll(referenced);
        assertThat(referenced).containsAll(flow.parameters().keySet());
    }

    @ParameterizedTest
    @FieldSource("FLOWS")
    void noSecretIsWrittenInTheFile(String file) throws Exception {
        FlowFile flow = FlowFile.read(file);
        Map<String, FlowFile.Parameter> parameters = flow.parameters();
        assertThat(parameters.values()).filteredOn(FlowFile.Parameter::sensitive)
                .isNotEmpty().allSatisfy(p -> assertThat(p.value()).as("sensitive parameter %s", p.name()).isNull());
        assertThat(parameters.values()).filteredOn(p -> p.name().matches("(?i).*(password|token|secret).*"))
                .allSatisfy(p -> assertThat(p.sensitive()).as("%s must be sensitive", p.name()).isTrue());
        for (FlowFile.Processor p : flow.processors()) {
            for (String sensitive : catalog.sensitiveProperties(p)) {
                String value = p.properties().get(sensitive);
                if (value != null) {
                    assertThat(FlowFile.isOnlyAParameterReference(value))
                            .as("%s.%s must be a parameter reference", p.name(), sensitive).isTrue();
                    String parameter = FlowFile.referencedParameters(value).iterator().next();
                    assertThat(parameters.get(parameter).sensitive())
                            .as("%s.%s refers to the non-sensitive parameter %s", p.name(), sensitive, parameter).isTrue();
                }
            }
            p.properties().forEach((name, value) -> assertThat(value == null ? "" : value)
                    .as("%s.%s", p.name(), name).doesNotContainPattern(SECRET_LOOKING));
        }
        parameters.values().forEach(p -> assertThat(p.value() == null ? "" : p.value())
                .as("parameter %s", p.name()).doesNotContainPattern(SECRET_LOOKING));
    }

    @ParameterizedTest
    @FieldSource("FLOWS")
    void upstreamPropertyNamesExistInNiFi1281(String file) throws Exception {
        FlowFile flow = FlowFile.read(file);
        UpstreamComponents upstream = catalog.upstream();
        assertThat(flow.processors()).filteredOn(p -> !p.ours()).isNotEmpty().allSatisfy(p -> {
            assertThat(upstream.knows(p.type())).as("%s is in %s", p.type(), UpstreamComponents.RESOURCE).isTrue();
            Set<String> unknown = new HashSet<>(p.properties().keySet());
            unknown.removeAll(upstream.names(p.type(), "property"));
            if (upstream.acceptsDynamicProperties(p.type())) {
                // EvaluateJsonPath: a dynamic property is a JsonPath; every other name must still be a known one
                unknown.removeIf(name -> p.properties().get(name).startsWith("$."));
            }
            assertThat(unknown).as("properties of %s unknown to NiFi 1.28.1", p.name()).isEmpty();
        });
    }
}
