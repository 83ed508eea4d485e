package io.hybridpipe.registry;

import org.apache.nifi.flow.ConnectableComponent;
import org.apache.nifi.flow.VersionedComponent;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedPropertyDescriptor;
import org.apache.nifi.flow.VersionedRemoteProcessGroup;
import org.apache.nifi.registry.flow.VersionedFlowSnapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a flow definition must satisfy beyond fitting the model: every connection joins components
 * that exist, and no secret is written into the file (sensitive parameters and sensitive properties
 * carry no value; a sensitive property may only reference a parameter).
 */
final class FlowRules {
    private FlowRules() {
    }

    static void check(Path source, VersionedFlowSnapshot snapshot) throws InvalidFlowDefinitionException {
        VersionedProcessGroup root = snapshot.getFlowContents();
        List<String> problems = new ArrayList<>();
        if (root.getIdentifier() == null || root.getIdentifier().isBlank()) {
            problems.add("flowContents has no identifier");
        }
        Set<String> connectable = new HashSet<>();
        collectConnectable(root, connectable);
        checkGroup(root, connectable, problems);
        if (snapshot.getParameterContexts() != null) {
            for (Map.Entry<String, VersionedParameterContext> context : snapshot.getParameterContexts().entrySet()) {
                checkParameters(context.getKey(), context.getValue(), problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFlowDefinitionException(source, String.join("; ", problems));
        }
    }

    private static void collectConnectable(VersionedProcessGroup group, Set<String> ids) {
        each(group.getProcessors()).forEach(p -> ids.add(p.getIdentifier()));
        each(group.getInputPorts()).forEach(p -> ids.add(p.getIdentifier()));
        each(group.getOutputPorts()).forEach(p -> ids.add(p.getIdentifier()));
        each(group.getFunnels()).forEach(f -> ids.add(f.getIdentifier()));
        for (VersionedRemoteProcessGroup remote : each(group.getRemoteProcessGroups())) {
            each(remote.getInputPorts()).forEach(p -> ids.add(p.getIdentifier()));
            each(remote.getOutputPorts()).forEach(p -> ids.add(p.getIdentifier()));
        }
        each(group.getProcessGroups()).forEach(child -> collectConnectable(child, ids));
    }

    private static void checkGroup(VersionedProcessGroup group, Set<String> connectable, List<String> problems) {
        for (VersionedConnection connection : each(group.getConnections())) {
            checkEndpoint(connection, "source", connection.getSource(), connectable, problems);
            checkEndpoint(connection, "destination", connection.getDestination(), connectable, problems);
        }
        each(group.getProcessors()).forEach(p -> checkSensitiveProperties(p, "processor", p, problems));
        each(group.getControllerServices()).forEach(s -> checkSensitiveProperties(s, "controller service", s, problems));
        for (VersionedProcessGroup child : each(group.getProcessGroups())) {
            checkGroup(child, connectable, problems);
        }
    }

    private static void checkEndpoint(VersionedConnection connection, String end, ConnectableComponent endpoint,
                                      Set<String> connectable, List<String> problems) {
        String label = "connection '" + describe(connection) + "'";
        if (endpoint == null || endpoint.getId() == null) {
            problems.add(label + " has no " + end);
        } else if (!connectable.contains(endpoint.getId())) {
            problems.add(label + " has " + end + " " + endpoint.getId() + " which is not a component of this flow");
        }
    }

    private static void checkSensitiveProperties(VersionedComponent component, String kind,
                                                 VersionedConfigurableExtension extension, List<String> problems) {
        Map<String, VersionedPropertyDescriptor> descriptors = extension.getPropertyDescriptors();
        Map<String, String> properties = extension.getProperties();
        if (descriptors == null || properties == null) {
            return;
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            VersionedPropertyDescriptor descriptor = descriptors.get(property.getKey());
            String value = property.getValue();
            boolean sensitive = descriptor != null && descriptor.isSensitive();
            if (sensitive && value != null && !isParameterReference(value)) {
                problems.add(kind + " '" + component.getName() + "' has a value in sensitive property '"
                        + property.getKey() + "': reference a sensitive parameter instead, secrets never go into flow files");
            }
        }
    }

    private static void checkParameters(String contextName, VersionedParameterContext context, List<String> problems) {
        for (VersionedParameter parameter : each(context.getParameters())) {
            if (parameter.isSensitive() && parameter.getValue() != null) {
                problems.add("sensitive parameter '" + parameter.getName() + "' of parameter context '" + contextName
                        + "' has a value: leave it empty in the file and fill it in NiFi");
            }
        }
    }

    /** A set the file gave as null holds nothing. */
    private static <T> Collection<T> each(Collection<T> items) {
        return items == null ? List.of() : items;
    }

    private static boolean isParameterReference(String value) {
        String trimmed = value.trim();
        return trimmed.startsWith("#{") && trimmed.endsWith("}") && trimmed.indexOf("#{", 2) < 0;
    }

    private static String describe(VersionedConnection connection) {
        String name = connection.getName();
        return name == null || name.isBlank() ? connection.getIdentifier() : name;
    }
}
