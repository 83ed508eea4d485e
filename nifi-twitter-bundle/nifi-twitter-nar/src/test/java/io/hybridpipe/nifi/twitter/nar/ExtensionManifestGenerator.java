package io.hybridpipe.nifi.twitter.nar;

import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.documentation.ServiceAPI;
import org.apache.nifi.documentation.StandardServiceAPI;
import org.apache.nifi.documentation.init.DocumentationProcessorInitializationContext;
import org.apache.nifi.documentation.xml.XmlDocumentationWriter;
import org.apache.nifi.processor.Processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code META-INF/docs/extension-manifest.xml} (and the additional-details pages) for the NAR.
 *
 * <p>Why not the nifi-nar-maven-plugin: its own generator resolves every dependency listed in the parent NAR's
 * POM, and the 1.18.0 service-API jars of nifi-standard-services-api-nar are not served by this build's Maven
 * mirror, so the plugin skips the manifest with a warning. This writes the same document with NiFi's own
 * {@link XmlDocumentationWriter} (nifi-api 1.18.0) into the folder the plugin packs from.
 *
 * <p>Arguments: output build directory, groupId, artifactId, version, parent groupId, parent artifactId, parent version.
 */
public final class ExtensionManifestGenerator {
    private static final String DOCS = "META-INF/docs";

    private ExtensionManifestGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: <build dir> <groupId> <artifactId> <version>"
                    + " <parent groupId> <parent artifactId> <parent version>");
        }
        Path docs = Path.of(args[0]).resolve(DOCS);
        Coordinates nar = new Coordinates(args[1], args[2], args[3]);
        Coordinates parent = new Coordinates(args[4], args[5], args[6]);
        List<Processor> processors = processors();
        if (processors.isEmpty()) {
            throw new IllegalStateException("no org.apache.nifi.processor.Processor service on the classpath");
        }
        Files.createDirectories(docs);
        try (OutputStream out = Files.newOutputStream(docs.resolve("extension-manifest.xml"))) {
            write(out, nar, parent, processors);
        }
        for (Processor processor : processors) {
            copyAdditionalDetails(processor.getClass().getName(), docs.resolve("additional-details"));
        }
        System.out.println("extension-manifest.xml: " + processors.size() + " processor(s) in " + docs);
    }

    record Coordinates(String groupId, String artifactId, String version) {
    }

    private static List<Processor> processors() {
        List<Processor> processors = new ArrayList<>();
        ServiceLoader.load(Processor.class).forEach(processors::add);
        processors.sort(Comparator.comparing(p -> p.getClass().getName()));
        return processors;
    }

    private static void write(OutputStream out, Coordinates nar, Coordinates parent, List<Processor> processors)
            throws XMLStreamException, IOException {
        XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument();
        xml.writeStartElement("extensionManifest");
        tag(xml, "groupId", nar.groupId());
        tag(xml, "artifactId", nar.artifactId());
        tag(xml, "version", nar.version());
        xml.writeStartElement("parentNar");
        tag(xml, "groupId", parent.groupId());
        tag(xml, "artifactId", parent.artifactId());
        tag(xml, "version", parent.version());
        xml.writeEndElement();
        tag(xml, "systemApiVersion", ConfigurableComponent.class.getPackage().getImplementationVersion() == null
                ? parent.version() : ConfigurableComponent.class.getPackage().getImplementationVersion());
        xml.writeStartElement("extensions");
        for (Processor processor : processors) {
            processor.initialize(new DocumentationProcessorInitializationContext());
            new XmlDocumentationWriter(xml).write(processor, List.of(), servicesOf(processor, parent));
        }
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
    }

    /** Controller-service properties point at APIs that the parent NAR provides. */
    private static Map<String, ServiceAPI> servicesOf(Processor processor, Coordinates parent) {
        Map<String, ServiceAPI> services = new HashMap<>();
        for (PropertyDescriptor descriptor : processor.getPropertyDescriptors()) {
            if (descriptor.getControllerServiceDefinition() != null) {
                services.put(descriptor.getName(), new StandardServiceAPI(descriptor.getControllerServiceDefinition().getName(),
                        parent.groupId(), parent.artifactId(), parent.version()));
            }
        }
        return services;
    }

    private static void tag(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void copyAdditionalDetails(String className, Path additionalDetails) throws IOException {
        String resource = "docs/" + className + "/additionalDetails.html";
        try (InputStream in = ExtensionManifestGenerator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                Path target = additionalDetails.resolve(className).resolve("additionalDetails.html");
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
