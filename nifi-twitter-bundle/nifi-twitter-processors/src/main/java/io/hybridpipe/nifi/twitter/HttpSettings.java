package io.hybridpipe.nifi.twitter;

import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How to reach the X API: base URL, credentials, TLS, proxy and timeouts. {@link #toString()} never
 * shows the bearer token, so this record can be logged.
 */
record HttpSettings(String baseUrl, String bearerToken, Optional<SSLContext> sslContext, Proxy proxy,
                    Optional<PasswordAuthentication> proxyCredentials, Duration connectTimeout, Duration readTimeout) {

    HttpSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(proxyCredentials, "proxyCredentials");
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public String toString() {
        return "HttpSettings[baseUrl=" + baseUrl + ", bearerToken=****, ssl=" + sslContext.isPresent()
                + ", proxy=" + proxy + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
