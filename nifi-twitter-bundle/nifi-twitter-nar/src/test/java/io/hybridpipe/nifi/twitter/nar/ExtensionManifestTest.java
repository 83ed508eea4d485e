package io.hybridpipe.nifi.twitter.nar;

import org.apache.nifi.extension.manifest.Extension;
import org.apache.nifi.extension.manifest.ExtensionManifest;
import org.apache.nifi.extension.manifest.ExtensionType;
import org.apache.nifi.extension.manifest.Property;
import org.apache.nifi.extension.manifest.parser.jaxb.JAXBExtensionManifestParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the generated manifest with NiFi's own parser, as NiFi does when it loads the NAR. */
class ExtensionManifestTest {
    private static final Path DOCS = Path.of("target", "META-INF", "docs");

    @Test
    void manifestListsConsumeTwitterStreamWithItsContract() throws IOException {
        ExtensionManifest manifest;
        try (InputStream in = Files.newInputStream(DOCS.resolve("extension-manifest.xml"))) {
            manifest = new JAXBExtensionManifestParser().parse(in);
        }
        assertThat(manifest.getParentNar().getArtifactId()).isEqualTo("nifi-standard-services-api-nar");
        assertThat(manifest.getParentNar().getVersion()).isEqualTo("1.18.0");

        Extension consume = manifest.getExtensions().stream()
                .filter(e -> e.getName().equals("io.hybridpipe.nifi.twitter.ConsumeTwitterStream"))
                .findFirst().orElseThrow();
        assertThat(consume.getType()).isEqualTo(ExtensionType.PROCESSOR);
        assertThat(consume.getPrimaryNodeOnly()).isTrue();
        assertThat(consume.getTriggerSerially()).isTrue();
        List<String> properties = consume.getProperties().stream().map(Property::getName).toList();
        assertThat(properties).contains("stream-endpoint", "base-url", "bearer-token", "stream-rules",
                "rule-sync-strategy", "tweet-fields", "expansions", "user-fields", "backfill-minutes", "batch-size",
                "max-batch-latency", "queue-capacity", "connect-timeout", "stall-timeout", "ssl-context-service",
                "proxy-configuration-service");
        assertThat(consume.getProperties().stream().filter(p -> p.getName().equals("bearer-token")).findFirst()
                .orElseThrow().isSensitive()).isTrue();
        assertThat(consume.getRelationships()).extracting(r -> r.getName()).containsExactlyInAnyOrder("success", "errors");
        assertThat(consume.getStateful().getScopes()).extracting(Enum::name).containsExactly("LOCAL");
        assertThat(DOCS.resolve("additional-details/io.hybridpipe.nifi.twitter.ConsumeTwitterStream/additionalDetails.html"))
                .isRegularFile();
    }
}
