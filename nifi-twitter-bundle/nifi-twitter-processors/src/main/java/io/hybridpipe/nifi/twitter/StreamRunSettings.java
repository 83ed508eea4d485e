package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.reconnect.BackoffSettings;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxyConfigurationService;
import org.apache.nifi.ssl.SSLContextService;

import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/** The processor's configuration, read once per schedule. */
record StreamRunSettings(HttpSettings http, ReaderConfig reader, int batchSize, Duration maxBatchLatency,
                         int queueCapacity) {

    String endpointValue() {
        return reader.endpoint().allowableValue().getValue();
    }

    static StreamRunSettings from(ProcessContext context, BackoffSettings backoff) {
        StreamEndpoint endpoint = StreamEndpoint.fromValue(context.getProperty(StreamProperties.STREAM_ENDPOINT).getValue());
        Duration stallTimeout = Duration.ofMillis(context.getProperty(StreamProperties.STALL_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS));
        HttpSettings http = new HttpSettings(
                context.getProperty(StreamProperties.BASE_URL).getValue(),
                context.getProperty(StreamProperties.BEARER_TOKEN).getValue(),
                sslContext(context),
                proxy(context),
                proxyCredentials(context),
                Duration.ofMillis(context.getProperty(StreamProperties.CONNECT_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)),
                stallTimeout);
        ReaderConfig reader = new ReaderConfig(endpoint, query(context),
                RuleSyncStrategy.fromValue(context.getProperty(StreamProperties.RULE_SYNC_STRATEGY).getValue()),
                StreamRules.parse(context.getProperty(StreamProperties.STREAM_RULES).getValue()),
                stallTimeout,
                context.getProperty(StreamProperties.MAX_MESSAGE_SIZE).asDataSize(DataUnit.B).intValue(),
                context.getProperty(StreamProperties.DEDUP_WINDOW).asInteger(),
                backoff);
        return new StreamRunSettings(http, reader,
                context.getProperty(StreamProperties.BATCH_SIZE).asInteger(),
                Duration.ofMillis(context.getProperty(StreamProperties.MAX_BATCH_LATENCY).asTimePeriod(TimeUnit.MILLISECONDS)),
                context.getProperty(StreamProperties.QUEUE_CAPACITY).asInteger());
    }

    /** {@code ?tweet.fields=..&expansions=..&user.fields=..[&backfill_minutes=n]} */
    static String query(ProcessContext context) {
        StringBuilder query = new StringBuilder("?tweet.fields=").append(encode(context.getProperty(StreamProperties.TWEET_FIELDS).getValue()))
                .append("&expansions=").append(encode(context.getProperty(StreamProperties.EXPANSIONS).getValue()))
                .append("&user.fields=").append(encode(context.getProperty(StreamProperties.USER_FIELDS).getValue()));
        int backfill = context.getProperty(StreamProperties.BACKFILL_MINUTES).asInteger();
        if (backfill > 0) {
            query.append("&backfill_minutes=").append(backfill);
        }
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Optional<SSLContext> sslContext(ProcessContext context) {
        SSLContextService service = context.getProperty(StreamProperties.SSL_CONTEXT_SERVICE)
                .asControllerService(SSLContextService.class);
        return service == null ? Optional.empty() : Optional.of(service.createContext());
    }

    private static Optional<ProxyConfiguration> proxyConfiguration(ProcessContext context) {
        ProxyConfigurationService service = context.getProperty(StreamProperties.PROXY_CONFIGURATION_SERVICE)
                .asControllerService(ProxyConfigurationService.class);
        return service == null ? Optional.empty() : Optional.ofNullable(service.getConfiguration());
    }

    private static Proxy proxy(ProcessContext context) {
        return proxyConfiguration(context).map(ProxyConfiguration::createProxy).orElse(Proxy.NO_PROXY);
    }

    private static Optional<PasswordAuthentication> proxyCredentials(ProcessContext context) {
        return proxyConfiguration(context)
                .filter(p -> p.getProxyUserName() != null && !p.getProxyUserName().isBlank())
                .map(p -> new PasswordAuthentication(p.getProxyUserName(),
                        p.getProxyUserPassword() == null ? new char[0] : p.getProxyUserPassword().toCharArray()));
    }
}
