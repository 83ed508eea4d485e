package io.hybridpipe.nifi.twitter;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP forward proxy for tests (plain http targets, absolute-URI requests) that demands Basic
 * credentials and records the request lines it forwarded.
 */
final class ForwardingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String expectedAuthorization;
    final List<String> forwarded = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<String> pipeEnds = new CopyOnWriteArrayList<>();

    ForwardingProxy(String user, String password) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        TestSockets.acceptEach(server, "test-proxy", this::serve);
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            String requestLine = HttpHead.readLine(in, 16 * 1024);
            List<String> headers = new ArrayList<>();
            String authorization = null;
            String line;
            while ((line = HttpHead.readLine(in, 16 * 1024)) != null && !line.isEmpty()) {
                if (line.toLowerCase().startsWith("proxy-authorization:")) {
                    authorization = line.substring(line.indexOf(':') + 1).strip();
                } else {
                    headers.add(line);
                }
            }
            if (!expectedAuthorization.equals(authorization)) {
                refused.add(requestLine);
                client.getOutputStream().write(("HTTP/1.1 407 Proxy Authentication Required\r\n"
                        + "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            String[] parts = requestLine.split(" ");
            URI target = URI.create(parts[1]);
            forwarded.add(requestLine);
            try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
                OutputStream up = upstream.getOutputStream();
                StringBuilder request = new StringBuilder(parts[0]).append(' ').append(target.getRawPath())
                        .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(' ').append(parts[2]).append("\r\n");
                headers.forEach(h -> request.append(h).append("\r\n"));
                request.append("\r\n");
                up.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                up.flush();
                TestSockets.daemon("test-proxy-up", () -> TestSockets.copy(in, up, pipeEnds)).start();
                TestSockets.copy(upstream.getInputStream(), client.getOutputStream(), pipeEnds);
            }
        } catch (IOException e) {
            refused.add("connection failed: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
