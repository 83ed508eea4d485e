package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.reconnect.FailureClass;
import io.hybridpipe.embedded.x.XApiEmulator;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.ssl.SSLContextService;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTPS to the X API honours the SSL Context Service, and refuses a server it does not trust. */
class TlsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"));

    /** An SSLContextService as NiFi's StandardSSLContextService would supply it: only createContext() is used. */
    static SSLContextService sslContextService(SSLContext context) {
        return (SSLContextService) Proxy.newProxyInstance(TlsTest.class.getClassLoader(),
                new Class<?>[] {SSLContextService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "createContext" -> context;
                    case "getIdentifier" -> "ssl";
                    case "getPropertyDescriptors", "validate" -> List.<ValidationResult>of();
                    case "toString" -> "test SSLContextService";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "initialize", "onPropertyModified" -> null;
                    default -> throw new UnsupportedOperationException(method.getName() + " is not used by ConsumeTwitterStream");
                });
    }

    @Test
    void httpsWorksWithTheSslContextServicesTrustStore() throws Exception {
        try (StreamHarness h = new StreamHarness(XApiEmulator.builder(), 0.001);
             TlsFront front = new TlsFront(h.x.port(), WORK)) {
            ControllerService service = sslContextService(front.trustingContext());
            h.runner.addControllerService("ssl", service);
            h.runner.enableControllerService(service);
            h.set(StreamProperties.SSL_CONTEXT_SERVICE, "ssl").set(StreamProperties.BASE_URL, front.baseUrl())
                    .set(StreamProperties.STREAM_RULES, "cats: cat").set(StreamProperties.MAX_BATCH_LATENCY, "100 ms");
            h.triggerUntil("connected over TLS", WAIT, () -> h.x.activeConnections() == 1);
            List<String> sent = h.x.emit(30);
            h.triggerUntil("tweets over TLS", WAIT, () -> h.emittedIds().size() == 30);
            assertThat(h.emittedIds()).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void anUntrustedCertificateIsANetworkFailureThatKeepsBeingRetried() throws Exception {
        try (StreamHarness h = new StreamHarness(XApiEmulator.builder(), 0.001);
             TlsFront front = new TlsFront(h.x.port(), WORK)) {
            h.set(StreamProperties.BASE_URL, front.baseUrl()).set(StreamProperties.STREAM_RULES, "cats: cat");
            h.triggerUntil("three failed handshakes", WAIT, () -> h.processor.stats().failures(FailureClass.NETWORK) >= 3);
            assertThat(h.x.connectionAttempts()).isEmpty();
            assertThat(StreamHarness.messages(h.runner.getLogger().getErrorMessages()))
                    .anyMatch(m -> m.contains("SSLHandshakeException") || m.contains("PKIX"));
        }
    }
}
