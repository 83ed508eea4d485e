package io.hybridpipe.nifi.twitter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;

/**
 * Opens HTTP connections to the X API with the bearer token, the SSL context, the proxy and the
 * timeouts of {@link HttpSettings}. The token only ever goes into the Authorization header.
 */
final class XApiHttp {
    static final String USER_AGENT = "HybridPipe-ConsumeTwitterStream/0.1";
    private static final int MAX_ERROR_BODY_CHARS = 600;

    private final HttpSettings settings;

    XApiHttp(HttpSettings settings) {
        this.settings = settings;
    }

    HttpSettings settings() {
        return settings;
    }

    HttpURLConnection open(String method, String pathAndQuery, Duration readTimeout) throws IOException {
        URL url = new URL(settings.baseUrl() + pathAndQuery);
        HttpURLConnection connection = (HttpURLConnection) url.openConnection(settings.proxy());
        if (connection instanceof HttpsURLConnection https && settings.sslContext().isPresent()) {
            https.setSSLSocketFactory(settings.sslContext().get().getSocketFactory());
        }
        settings.proxyCredentials().ifPresent(credentials -> connection.setAuthenticator(new ProxyAuthenticator(credentials)));
        connection.setRequestMethod(method);
        connection.setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        connection.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
        connection.setUseCaches(false);
        connection.setInstanceFollowRedirects(false);
        connection.setRequestProperty("Authorization", "Bearer " + settings.bearerToken());
        connection.setRequestProperty("User-Agent", USER_AGENT);
        connection.setRequestProperty("Accept", "application/json");
        return connection;
    }

    /** A small JSON request (rules API); returns the body of a 2xx answer, else throws {@link ConnectFailure}. */
    byte[] exchange(String method, String pathAndQuery, byte[] jsonBody) throws IOException, ConnectFailure {
        HttpURLConnection connection = open(method, pathAndQuery, settings.connectTimeout().plus(settings.readTimeout()));
        try {
            if (jsonBody != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setFixedLengthStreamingMode(jsonBody.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(jsonBody);
                }
            }
            int status = connection.getResponseCode();
            if (status / 100 != 2) {
                throw ConnectFailure.fromResponse(method + " " + pathOnly(pathAndQuery), connection, Instant.now());
            }
            try (InputStream in = connection.getInputStream()) {
                return in.readAllBytes();
            }
        } finally {
            connection.disconnect();
        }
    }

    static String pathOnly(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    /** The start of an error response body, for bulletins; X's error bodies never echo the token. */
    static String errorBody(HttpURLConnection connection) {
        try (InputStream err = connection.getErrorStream()) {
            if (err == null) {
                return "";
            }
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[1024];
            int n;
            while (buffer.size() < MAX_ERROR_BODY_CHARS * 4 && (n = err.read(chunk)) > 0) {
                buffer.write(chunk, 0, n);
            }
            String body = buffer.toString(StandardCharsets.UTF_8).strip();
            return body.length() <= MAX_ERROR_BODY_CHARS ? body : body.substring(0, MAX_ERROR_BODY_CHARS) + "...";
        } catch (IOException e) {
            return "(error body unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }

    static Optional<Long> headerAsLong(HttpURLConnection connection, String name) {
        String value = connection.getHeaderField(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static final class ProxyAuthenticator extends Authenticator {
        private final PasswordAuthentication credentials;

        ProxyAuthenticator(PasswordAuthentication credentials) {
            this.credentials = credentials;
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            return getRequestorType() == RequestorType.PROXY ? credentials : null;
        }
    }
}
