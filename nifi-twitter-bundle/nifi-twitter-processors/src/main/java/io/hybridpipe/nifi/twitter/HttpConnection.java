package io.hybridpipe.nifi.twitter;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 request and its response on a socket of its own ({@code Connection: close}).
 *
 * <p>Why not HttpURLConnection: its chunked body stream is synchronized, so closing the connection from another
 * thread waits until the blocked read returns (up to the stall timeout, 30 s), which would hold NiFi's stop and
 * keep the app's single stream connection busy. Owning the TCP socket lets {@link #close()} end a blocked read at
 * once. It also lets a CONNECT through an HTTP proxy carry Basic credentials, which the JDK refuses by default.
 */
final class HttpConnection implements Closeable {
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int RECEIVE_BUFFER_BYTES = 1024 * 1024;

    private final Socket tcp;
    private final HttpHead head;
    private final InputStream body;

    private HttpConnection(Socket tcp, HttpHead head, InputStream body) {
        this.tcp = tcp;
        this.head = head;
        this.body = body;
    }

    /**
     * Sends the request and reads the response head. {@code readTimeout} bounds every wait for bytes, the
     * stream's stall timeout included. The bearer token is written to the socket only.
     */
    static HttpConnection open(HttpSettings settings, String method, String pathAndQuery, byte[] requestBody,
                               Duration readTimeout) throws IOException {
        URI base = URI.create(settings.baseUrl());
        boolean https = "https".equalsIgnoreCase(base.getScheme());
        String host = base.getHost();
        if (host == null) {
            throw new IOException("Base URL has no host: " + settings.baseUrl());
        }
        int port = base.getPort() > 0 ? base.getPort() : https ? 443 : 80;
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        Proxy proxy = settings.proxy();

        Socket tcp = proxy.type() == Proxy.Type.SOCKS ? new Socket(proxy) : new Socket();
        try {
            tcp.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            tcp.setTcpNoDelay(true);
            tcp.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            int connectTimeout = Math.toIntExact(settings.connectTimeout().toMillis());
            if (proxy.type() == Proxy.Type.HTTP) {
                tcp.connect(proxy.address(), connectTimeout);
            } else if (proxy.type() == Proxy.Type.SOCKS) {
                tcp.connect(InetSocketAddress.createUnresolved(host, port), connectTimeout);
            } else {
                tcp.connect(new InetSocketAddress(host, port), connectTimeout);
            }
            Socket top = tcp;
            String target = basePath + pathAndQuery;
            if (proxy.type() == Proxy.Type.HTTP && https) {
                tunnel(tcp, host, port, settings);
            } else if (proxy.type() == Proxy.Type.HTTP) {
                target = base.getScheme() + "://" + host + ":" + port + target;
            }
            if (https) {
                top = tls(tcp, host, port, settings);
            }
            OutputStream out = top.getOutputStream();
            StringBuilder request = new StringBuilder(256)
                    .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(hostHeader(host, port, https)).append("\r\n")
                    .append("User-Agent: ").append(XApiHttp.USER_AGENT).append("\r\n")
                    .append("Accept: application/json\r\n")
                    .append("Accept-Encoding: identity\r\n")
                    .append("Connection: close\r\n");
            if (proxy.type() == Proxy.Type.HTTP && !https) {
                proxyAuthorization(settings).ifPresent(value -> request.append("Proxy-Authorization: ").append(value).append("\r\n"));
            }
            if (requestBody != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(requestBody.length).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(("Authorization: Bearer " + settings.bearerToken() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            if (requestBody != null) {
                out.write(requestBody);
            }
            out.flush();

            InputStream in = new BufferedInputStream(top.getInputStream(), BUFFER_BYTES);
            HttpHead head = HttpHead.read(in);
            return new HttpConnection(tcp, head, bodyOf(head, method, in));
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    HttpHead head() {
        return head;
    }

    InputStream body() {
        return body;
    }

    /** Closes the TCP socket: a read blocked in another thread ends at once with an exception. */
    @Override
    public void close() throws IOException {
        tcp.close();
    }

    private static InputStream bodyOf(HttpHead head, String method, InputStream in) {
        if ("HEAD".equals(method) || head.status() == 204 || head.status() == 304) {
            return InputStream.nullInputStream();
        }
        String transferEncoding = head.header("transfer-encoding").orElse("").toLowerCase(Locale.ROOT);
        if (transferEncoding.contains("chunked")) {
            return new ChunkedBodyStream(in);
        }
        return head.headerAsLong("content-length").<InputStream>map(n -> new LimitedStream(in, n)).orElse(in);
    }

    private static void tunnel(Socket tcp, String host, int port, HttpSettings settings) throws IOException {
        StringBuilder connect = new StringBuilder("CONNECT ").append(host).append(':').append(port).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        proxyAuthorization(settings).ifPresent(value -> connect.append("Proxy-Authorization: ").append(value).append("\r\n"));
        connect.append("\r\n");
        tcp.getOutputStream().write(connect.toString().getBytes(StandardCharsets.ISO_8859_1));
        tcp.getOutputStream().flush();
        // read the proxy's answer byte by byte: what follows belongs to the TLS session
        HttpHead answer = HttpHead.read(tcp.getInputStream());
        if (answer.status() != 200) {
            throw new IOException("the proxy refused CONNECT " + host + ":" + port + " with HTTP " + answer.status() + " "
                    + answer.reason() + (answer.status() == 407 ? " (check the proxy user name and password)" : ""));
        }
    }

    private static Socket tls(Socket tcp, String host, int port, HttpSettings settings) throws IOException {
        SSLContext context;
        try {
            context = settings.sslContext().isPresent() ? settings.sslContext().get() : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no default TLS context in this JVM", e);
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static java.util.Optional<String> proxyAuthorization(HttpSettings settings) {
        return settings.proxyCredentials().map(c -> "Basic " + Base64.getEncoder().encodeToString(
                (c.getUserName() + ":" + new String(c.getPassword())).getBytes(StandardCharsets.UTF_8)));
    }

    private static String hostHeader(String host, int port, boolean https) {
        return (https && port == 443) || (!https && port == 80) ? host : host + ":" + port;
    }

    /** A Content-Length body. */
    private static final class LimitedStream extends InputStream {
        private final InputStream in;
        private long remaining;

        LimitedStream(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
