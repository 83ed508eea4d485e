package io.hybridpipe.embedded.nifi.driver;

import io.hybridpipe.embedded.nifi.RunSpec;
import org.apache.nifi.stateless.config.ExtensionClientDefinition;
import org.apache.nifi.stateless.config.SslContextDefinition;
import org.apache.nifi.stateless.engine.StatelessEngineConfiguration;

import java.io.File;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The engine configuration of one run: NARs from the assembled runtime, extra NARs from the run's
 * extensions directory, content kept in memory, no status logging task, no TLS, no extension clients.
 */
final class DriverEngineConfiguration implements StatelessEngineConfiguration {

    private static final int SENSITIVE_PROPS_KEY_BYTES = 24;

    private final RunSpec spec;
    // Encrypts sensitive property values inside this JVM only; a fresh key per run is all it needs.
    private final String sensitivePropsKey = newSensitivePropsKey();

    DriverEngineConfiguration(RunSpec spec) {
        this.spec = spec;
    }

    private static String newSensitivePropsKey() {
        byte[] key = new byte[SENSITIVE_PROPS_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().withoutPadding().encodeToString(key);
    }

    @Override
    public File getWorkingDirectory() {
        return spec.engineWorkingDirectory().toFile();
    }

    @Override
    public File getNarDirectory() {
        return spec.narDirectory().toFile();
    }

    @Override
    public File getExtensionsDirectory() {
        return spec.extensionsDirectory().toFile();
    }

    @Override
    public Collection<File> getReadOnlyExtensionsDirectories() {
        return List.of();
    }

    @Override
    public File getKrb5File() {
        return new File("/etc/krb5.conf");
    }

    @Override
    public Optional<File> getContentRepositoryDirectory() {
        return Optional.empty();
    }

    @Override
    public SslContextDefinition getSslContext() {
        return null;
    }

    @Override
    public String getSensitivePropsKey() {
        return sensitivePropsKey;
    }

    @Override
    public List<ExtensionClientDefinition> getExtensionClients() {
        return List.of();
    }

    @Override
    public String getStatusTaskInterval() {
        return null;
    }
}
