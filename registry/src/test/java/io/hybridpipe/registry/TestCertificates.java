package io.hybridpipe.registry;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed server and client certificates made with the JDK's keytool, in PKCS12 stores. */
final class TestCertificates {
    static final String PASSWORD = "test-store-password";
    static final String CLIENT_SUBJECT = "CN=flow-registry,OU=hybridpipe-test";

    final Path serverKeystore;
    final Path clientTruststore;
    final Path clientKeystore;
    final Path serverTruststore;

    private TestCertificates(Path dir) {
        serverKeystore = dir.resolve("server-keystore.p12");
        clientTruststore = dir.resolve("client-truststore.p12");
        clientKeystore = dir.resolve("client-keystore.p12");
        serverTruststore = dir.resolve("server-truststore.p12");
    }

    static TestCertificates create(Path dir) throws Exception {
        Files.createDirectories(dir);
        TestCertificates certs = new TestCertificates(dir);
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", certs.serverKeystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", CLIENT_SUBJECT, "-keystore", certs.clientKeystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        Path serverCert = dir.resolve("server.crt");
        Path clientCert = dir.resolve("client.crt");
        keytool("-exportcert", "-alias", "server", "-keystore", certs.serverKeystore.toString(), "-storepass", PASSWORD,
                "-file", serverCert.toString());
        keytool("-exportcert", "-alias", "client", "-keystore", certs.clientKeystore.toString(), "-storepass", PASSWORD,
                "-file", clientCert.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", serverCert.toString(),
                "-keystore", certs.clientTruststore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", clientCert.toString(),
                "-keystore", certs.serverTruststore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return certs;
    }

    /** The server side: its key, and trust in the client certificate for two-way TLS. */
    SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(serverKeystore), PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(serverTruststore));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
