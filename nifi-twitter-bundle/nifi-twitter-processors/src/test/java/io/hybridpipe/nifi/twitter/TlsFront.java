package io.hybridpipe.nifi.twitter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS-terminating front for tests (as a load balancer would be) that forwards each connection to a plain HTTP
 * server. Its certificate is self-signed for 127.0.0.1, made with the JDK's keytool, so clients trust it only
 * through {@link #trustingContext()}.
 */
final class TlsFront implements AutoCloseable {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final SSLServerSocket server;
    private final KeyStore keyStore;
    private final int backendPort;
    final List<String> connectionErrors = new CopyOnWriteArrayList<>();

    private static KeyStore sharedKeyStore;

    TlsFront(int backendPort, Path workDir) throws Exception {
        this.backendPort = backendPort;
        this.keyStore = selfSigned(workDir);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        server = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TestSockets.acceptEach(server, "test-tls-front", this::forward);
    }

    /** keytool takes seconds on a busy machine: one certificate serves every test of the JVM. */
    private static synchronized KeyStore selfSigned(Path workDir) throws Exception {
        if (sharedKeyStore != null) {
            return sharedKeyStore;
        }
        Path store = workDir.resolve("tls-front-" + ProcessHandle.current().pid() + ".p12");
        Files.createDirectories(workDir);
        Files.deleteIfExists(store);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "front", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            loaded.load(in, PASSWORD);
        }
        sharedKeyStore = loaded;
        return loaded;
    }

    String baseUrl() {
        return "https://127.0.0.1:" + server.getLocalPort();
    }

    /** A client context that trusts this front's self-signed certificate. */
    SSLContext trustingContext() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private void forward(Socket client) {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            InputStream fromClient = client.getInputStream();
            OutputStream toBackend = backend.getOutputStream();
            TestSockets.daemon("test-tls-front-up", () -> TestSockets.copy(fromClient, toBackend, connectionErrors)).start();
            TestSockets.copy(backend.getInputStream(), client.getOutputStream(), connectionErrors);
        } catch (IOException e) {
            connectionErrors.add(e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
