package io.hybridpipe.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** registry/conf/providers.xml rendered by bin/render-registry-config: Git persistence, credentials from the environment. */
class RegistryConfigTemplateTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final String TOKEN = "ghp_t0k&n<with>\"quotes'";

    @TempDir
    Path conf;

    @Test
    void rendersTheGitFlowPersistenceProviderWithCredentialsFromTheEnvironment() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("NIFI_REGISTRY_GIT_REPO", "https://git.example.com/nifi/flows.git");
        env.put("NIFI_REGISTRY_GIT_USER", "registry-bot");
        env.put("NIFI_REGISTRY_GIT_PASSWORD", TOKEN);

        Result result = render(env);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain(TOKEN).doesNotContain("registry-bot");
        Path rendered = conf.resolve("providers.xml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rendered))).isEqualTo("rw-------");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(rendered.toFile());
        Element provider = (Element) xml.getElementsByTagName("flowPersistenceProvider").item(0);
        assertThat(provider.getElementsByTagName("class").item(0).getTextContent())
                .isEqualTo("org.apache.nifi.registry.provider.flow.git.GitFlowPersistenceProvider");
        Map<String, String> properties = properties(provider);
        assertThat(properties).containsEntry("Remote Clone Repository", "https://git.example.com/nifi/flows.git")
                .containsEntry("Remote Access User", "registry-bot")
                .containsEntry("Remote Access Password", TOKEN)
                .containsEntry("Remote To Push", "origin")
                .containsEntry("Flow Storage Directory", "./flow_storage");
    }

    @Test
    void refusesToRenderWithoutARemoteOrWithAUserButNoPassword() throws Exception {
        Result noRemote = render(Map.of());
        assertThat(noRemote.exitCode()).isEqualTo(2);
        assertThat(noRemote.output()).contains("NIFI_REGISTRY_GIT_REPO is not set");

        Result noPassword = render(Map.of("NIFI_REGISTRY_GIT_REPO", "https://git.example.com/nifi/flows.git",
                "NIFI_REGISTRY_GIT_USER", "registry-bot"));
        assertThat(noPassword.exitCode()).isEqualTo(2);
        assertThat(noPassword.output()).contains("NIFI_REGISTRY_GIT_PASSWORD is not");
        assertThat(conf.resolve("providers.xml")).doesNotExist();
    }

    @Test
    void theCommittedTemplateHoldsPlaceholdersNotCredentials() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(MODULE.resolve("conf/providers.xml").toFile());
        Map<String, String> properties = properties((Element) xml.getElementsByTagName("flowPersistenceProvider").item(0));
        assertThat(properties.get("Remote Access User")).isEqualTo("${NIFI_REGISTRY_GIT_USER}");
        assertThat(properties.get("Remote Access Password")).isEqualTo("${NIFI_REGISTRY_GIT_PASSWORD}");
    }

    private static Map<String, String> properties(Element provider) {
        Map<String, String> properties = new HashMap<>();
        NodeList nodes = provider.getElementsByTagName("property");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element property = (Element) nodes.item(i);
            properties.put(property.getAttribute("name"), property.getTextContent());
        }
        return properties;
    }

    private Result render(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", MODULE.resolve("bin/render-registry-config").toString(), conf.toString()));
        builder.environment().keySet().removeIf(k -> k.startsWith("NIFI_REGISTRY_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
