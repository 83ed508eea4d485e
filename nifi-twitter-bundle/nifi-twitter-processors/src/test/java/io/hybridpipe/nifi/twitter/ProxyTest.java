package io.hybridpipe.nifi.twitter;

import io.hybridpipe.embedded.x.XApiEmulator;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxyConfigurationService;
import org.junit.jupiter.api.Test;

import java.net.Proxy;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules and stream requests go through the configured HTTP proxy with its credentials. */
class ProxyTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A ProxyConfigurationService as NiFi's StandardProxyConfigurationService would supply it. */
    static final class FixedProxyService extends AbstractControllerService implements ProxyConfigurationService {
        private final ProxyConfiguration configuration = new ProxyConfiguration();

        FixedProxyService(int port, String user, String password) {
            configuration.setProxyType(Proxy.Type.HTTP);
            configuration.setProxyServerHost("127.0.0.1");
            configuration.setProxyServerPort(port);
            configuration.setProxyUserName(user);
            configuration.setProxyUserPassword(password);
        }

        @Override
        public ProxyConfiguration getConfiguration() {
            return configuration;
        }
    }

    @Test
    void rulesAndStreamGoThroughTheProxyWithBasicCredentials() throws Exception {
        try (ForwardingProxy proxy = new ForwardingProxy("proxy-user", "proxy-secret");
             StreamHarness h = new StreamHarness(XApiEmulator.builder(), 0.001)) {
            FixedProxyService service = new FixedProxyService(proxy.port(), "proxy-user", "proxy-secret");
            h.runner.addControllerService("proxy", service);
            h.runner.enableControllerService(service);
            h.set(StreamProperties.PROXY_CONFIGURATION_SERVICE, "proxy").set(StreamProperties.STREAM_RULES, "cats: cat")
                    .set(StreamProperties.MAX_BATCH_LATENCY, "100 ms");
            h.triggerUntil("connected through the proxy", WAIT, () -> h.x.activeConnections() == 1);
            List<String> sent = h.x.emit(20);
            h.triggerUntil("tweets through the proxy", WAIT, () -> h.emittedIds().size() == 20);

            assertThat(h.emittedIds()).containsExactlyElementsOf(sent);
            assertThat(proxy.refused).isEmpty();
            assertThat(proxy.forwarded).anyMatch(l -> l.startsWith("GET " + h.x.baseUrl() + "/2/tweets/search/stream/rules"))
                    .anyMatch(l -> l.startsWith("POST " + h.x.baseUrl() + "/2/tweets/search/stream/rules"))
                    .anyMatch(l -> l.startsWith("GET " + h.x.baseUrl() + "/2/tweets/search/stream?"));
        }
    }
}
