package io.hybridpipe.registry;

import org.apache.nifi.registry.client.NiFiRegistryClient;
import org.apache.nifi.registry.client.NiFiRegistryClientConfig;
import org.apache.nifi.registry.client.RequestConfig;
import org.apache.nifi.registry.client.impl.JerseyNiFiRegistryClient;
import picocli.CommandLine.Option;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to reach and authenticate to a NiFi Registry: URL, TLS stores, bearer token. Secrets come
 * from files or environment variables, never from the command line, where other users of the
 * machine can read them.
 */
public final class ConnectionOptions {
    static final String TOKEN_ENV = "NIFI_REGISTRY_TOKEN";

    @Option(names = "--url", required = true, defaultValue = "${env:NIFI_REGISTRY_URL}",
            description = "Registry base URL, e.g. https://registry.example.com:18443 (env NIFI_REGISTRY_URL).")
    String url;

    @Option(names = "--token-file", description = "File holding a bearer token (from the Registry's /access/token"
            + " endpoints or your identity provider). Without it, env " + TOKEN_ENV + " is used when set.")
    Path tokenFile;

    @Option(names = "--username", description = "Log in as this user (the Registry's login identity provider, e.g."
            + " LDAP) to get a token; password from the variable named by --password-env. Not used when a token is given.")
    String username;

    @Option(names = "--password-env", defaultValue = "NIFI_REGISTRY_PASSWORD",
            description = "Environment variable holding the --username password (default ${DEFAULT-VALUE}).")
    String passwordEnv;

    @Option(names = "--truststore", description = "Truststore (PKCS12 or JKS) with the Registry's CA.")
    Path truststore;

    @Option(names = "--truststore-type", defaultValue = "PKCS12", description = "PKCS12 or JKS (default ${DEFAULT-VALUE}).")
    String truststoreType;

    @Option(names = "--truststore-password-env", defaultValue = "NIFI_REGISTRY_TRUSTSTORE_PASSWORD",
            description = "Environment variable holding the truststore password (default ${DEFAULT-VALUE}).")
    String truststorePasswordEnv;

    @Option(names = "--keystore", description = "Keystore with this client's certificate, for two-way TLS.")
    Path keystore;

    @Option(names = "--keystore-type", defaultValue = "PKCS12", description = "PKCS12 or JKS (default ${DEFAULT-VALUE}).")
    String keystoreType;

    @Option(names = "--keystore-password-env", defaultValue = "NIFI_REGISTRY_KEYSTORE_PASSWORD",
            description = "Environment variable holding the keystore (and key) password (default ${DEFAULT-VALUE}).")
    String keystorePasswordEnv;

    @Option(names = "--timeout-seconds", defaultValue = "30", description = "Connect and read timeout (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final Map<String, String> environment;

    public ConnectionOptions() {
        this(System.getenv());
    }

    /** With the environment to take the token and store passwords from. */
    public ConnectionOptions(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public RegistryGateway connect() throws IOException, RegistryFailure {
        NiFiRegistryClient client = client();
        try {
            return new RegistryGateway(client, requestConfig(client));
        } catch (IOException | RegistryFailure e) {
            client.close();
            throw e;
        }
    }

    NiFiRegistryClient client() throws IOException {
        NiFiRegistryClientConfig.Builder config = new NiFiRegistryClientConfig.Builder()
                .baseUrl(url)
                .connectTimeout(timeoutSeconds * 1000)
                .readTimeout(timeoutSeconds * 1000);
        if (truststore != null || keystore != null) {
            config.sslContext(sslContext());
        }
        return new JerseyNiFiRegistryClient.Builder().config(config.build()).build();
    }

    private SSLContext sslContext() throws IOException {
        TlsStores stores = new TlsStores();
        if (truststore != null) {
            stores.trust(truststore, truststoreType, secret(truststorePasswordEnv, "truststore"));
        }
        if (keystore != null) {
            stores.identity(keystore, keystoreType, secret(keystorePasswordEnv, "keystore"));
        }
        return stores.sslContext();
    }

    /** The bearer token to send: from --token-file, else NIFI_REGISTRY_TOKEN, else a login with --username. */
    RequestConfig requestConfig(NiFiRegistryClient client) throws IOException, RegistryFailure {
        String token = givenToken();
        if (token == null && username != null) {
            token = RegistryGateway.login(client, username, secret(passwordEnv, "--username"));
        }
        if (token == null) {
            return Map::of;
        }
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token);
        return () -> headers;
    }

    private String givenToken() throws IOException {
        String token = null;
        if (tokenFile != null) {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw new IOException("token file " + tokenFile + " is empty");
            }
        } else if (environment.get(TOKEN_ENV) != null && !environment.get(TOKEN_ENV).isBlank()) {
            token = environment.get(TOKEN_ENV).trim();
        }
        return token;
    }

    private char[] secret(String variable, String what) throws IOException {
        String value = environment.get(variable);
        if (value == null || value.isEmpty()) {
            throw new IOException("the " + what + " password is expected in environment variable " + variable + ", which is not set");
        }
        return value.toCharArray();
    }
}
