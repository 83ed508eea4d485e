package io.hybridpipe.embedded.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for TLS listeners on 127.0.0.1, made with the JDK's {@code keytool}: a self-signed
 * CA, a PKCS12 truststore holding it, and broker keystores signed by it with {@code IP:127.0.0.1} and
 * {@code DNS:localhost} as subject alternative names, so clients can keep hostname verification on. Passwords are
 * random, handed to keytool through its environment (never on a command line) and only kept in memory.
 */
public final class LocalCertificateAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ENV = "HYBRIDPIPE_KEYTOOL_STOREPASS";
    private static final String CA_PASSWORD_ENV = "HYBRIDPIPE_KEYTOOL_CAPASS";

    private final Path dir;
    private final Path caKeystore;
    private final Path caCertificate;
    private final String caPassword = randomPassword();
    private final Path truststore;
    private final String truststorePassword = randomPassword();

    private LocalCertificateAuthority(Path dir) {
        this.dir = dir;
        this.caKeystore = dir.resolve("ca.p12");
        this.caCertificate = dir.resolve("ca.pem");
        this.truststore = dir.resolve("truststore.p12");
    }

    /** Makes the CA and its truststore in {@code dir} (created if missing). */
    public static LocalCertificateAuthority create(Path dir) {
        try {
            LocalCertificateAuthority ca = new LocalCertificateAuthority(Files.createDirectories(dir).toAbsolutePath());
            ca.keytool(ca.caPassword, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=HybridPipe local test CA", "-ext", "bc:c", "-validity", "2",
                    "-keystore", ca.caKeystore.toString(), "-storetype", "PKCS12", "-storepass:env", PASSWORD_ENV);
            ca.keytool(ca.caPassword, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.caKeystore.toString(),
                    "-storepass:env", PASSWORD_ENV, "-file", ca.caCertificate.toString());
            ca.keytool(ca.truststorePassword, "-importcert", "-noprompt", "-alias", "ca", "-file", ca.caCertificate.toString(),
                    "-keystore", ca.truststore.toString(), "-storetype", "PKCS12", "-storepass:env", PASSWORD_ENV);
            return ca;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    public Path truststore() {
        return truststore;
    }

    public String truststorePassword() {
        return truststorePassword;
    }

    /** A new PKCS12 keystore for a broker on 127.0.0.1 (key + certificate chain signed by this CA). */
    public SaslSslListener brokerListener(String name, String scramUser) {
        Path keystore = dir.resolve(name + "-broker.p12");
        Path request = dir.resolve(name + "-broker.csr");
        Path certificate = dir.resolve(name + "-broker.pem");
        String password = randomPassword();
        keytool(password, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=" + name + " broker", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass:env", PASSWORD_ENV);
        keytool(password, "-certreq", "-alias", "broker", "-keystore", keystore.toString(),
                "-storepass:env", PASSWORD_ENV, "-file", request.toString());
        keytool(password, "-gencert", "-rfc", "-alias", "ca", "-keystore", caKeystore.toString(),
                "-storepass:env", CA_PASSWORD_ENV, "-infile", request.toString(), "-outfile", certificate.toString(),
                "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-validity", "2");
        keytool(password, "-importcert", "-noprompt", "-alias", "ca", "-file", caCertificate.toString(),
                "-keystore", keystore.toString(), "-storepass:env", PASSWORD_ENV);
        keytool(password, "-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                "-keystore", keystore.toString(), "-storepass:env", PASSWORD_ENV);
        return new SaslSslListener(keystore, password, scramUser, randomPassword());
    }

    private void keytool(String storePassword, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_ENV, storePassword);
        builder.environment().put(CA_PASSWORD_ENV, caPassword);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }

    private static String randomPassword() {
        return new BigInteger(130, RANDOM).toString(32);
    }
}
