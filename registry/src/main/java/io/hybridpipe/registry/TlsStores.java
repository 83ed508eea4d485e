package io.hybridpipe.registry;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** Builds the client's SSLContext from a truststore and, for two-way TLS, a keystore. */
final class TlsStores {
    private TrustManager[] trustManagers;
    private KeyManager[] keyManagers;

    void trust(Path file, String type, char[] password) throws IOException {
        KeyStore store = load(file, type, password, "truststore");
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            trustManagers = factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException("truststore " + file + " cannot be used: " + e.getMessage(), e);
        }
    }

    void identity(Path file, String type, char[] password) throws IOException {
        KeyStore store = load(file, type, password, "keystore");
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            keyManagers = factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException("keystore " + file + " cannot be used: " + e.getMessage(), e);
        }
    }

    SSLContext sslContext() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String type, char[] password, String what) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException(what + " " + file + " cannot be opened as " + type + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException(what + " " + file + " cannot be read (wrong path or password?): " + e.getMessage(), e);
        }
    }
}
