package io.hybridpipe.flows;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

/** Relationships, property names and sensitive properties of a processor type: ours from the class, upstream from the list. */
final class ComponentCatalog {

    private final UpstreamComponents upstream;

    ComponentCatalog() throws IOException {
        upstream = UpstreamComponents.load();
    }

    Set<String> relationships(FlowFile.Processor p) {
        if (p.ours()) {
            return instantiate(p).getRelationships().stream().map(Relationship::getName).collect(Collectors.toSet());
        }
        return upstream.names(p.type(), "relationship");
    }

    Set<String> sensitiveProperties(FlowFile.Processor p) {
        if (p.ours()) {
            return instantiate(p).getPropertyDescriptors().stream().filter(PropertyDescriptor::isSensitive)
                    .map(PropertyDescriptor::getName).collect(Collectors.toSet());
        }
        return upstream.names(p.type(), "sensitive");
    }

    UpstreamComponents upstream() {
        return upstream;
    }

    static TestRunner runnerFor(FlowFile.Processor p) {
        try {
            @SuppressWarnings("unchecked")
            Class<? extends Processor> type = (Class<? extends Processor>) Class.forName(p.type());
            return TestRunners.newTestRunner(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(p.type() + " is not one of our processors on the test classpath", e);
        }
    }

    private static Processor instantiate(FlowFile.Processor p) {
        return runnerFor(p).getProcessor();
    }
}
