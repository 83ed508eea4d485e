package io.hybridpipe.embedded.postgres;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test double piece that stands between {@code redshift-jdbc42} and PostgreSQL (Amazon Redshift is not
 * available here). The Redshift driver always sends startup parameters such as {@code driver_version},
 * {@code os_version} and {@code client_protocol_version} that PostgreSQL rejects with
 * {@code FATAL: unrecognized configuration parameter}. This TCP proxy rewrites only the StartupMessage,
 * keeping the keys PostgreSQL knows, declines SSL/GSS encryption requests, and then relays bytes both
 * ways unchanged.
 */
public final class RedshiftStartupFilterProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedshiftStartupFilterProxy.class);

    private static final int PROTOCOL_3_0 = 196608;
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int MAX_STARTUP_LENGTH = 10_000;

    /** Startup keys PostgreSQL accepts that the Redshift driver sends; everything else is dropped. */
    private static final Set<String> POSTGRES_STARTUP_KEYS = Set.of(
            "user", "database", "options", "replication", "application_name", "client_encoding",
            "datestyle", "timezone", "extra_float_digits", "search_path", "intervalstyle");

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<String> dropped = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    public RedshiftStartupFilterProxy(String upstreamHost, int upstreamPort) {
        this.upstream = new InetSocketAddress(upstreamHost, upstreamPort);
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the proxy port", e);
        }
        this.acceptor = new Thread(this::acceptLoop, "redshift-startup-filter-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** A {@code jdbc:redshift://} URL reaching the upstream PostgreSQL database through this proxy. */
    public String redshiftJdbcUrl(String database) {
        return "jdbc:redshift://127.0.0.1:" + port() + "/" + database + "?ssl=false";
    }

    /** Startup parameter names dropped so far (lower case), for diagnostics and tests. */
    public Set<String> droppedParameterNames() {
        return Set.copyOf(dropped);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread handshake = new Thread(() -> serve(client), "redshift-startup-filter-conn");
                handshake.setDaemon(true);
                handshake.start();
            } catch (SocketException closed) {
                LOG.debug("proxy listener closed: {}", closed.getMessage());
            } catch (IOException e) {
                LOG.warn("proxy accept failed", e);
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket server = new Socket()) {
            open.add(server);
            server.connect(upstream);
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            OutputStream toServer = server.getOutputStream();
            while (true) {
                int length = in.readInt();
                if (length < 8 || length > MAX_STARTUP_LENGTH) {
                    throw new IOException("not a PostgreSQL startup packet (length " + length + ")");
                }
                int code = in.readInt();
                byte[] body = new byte[length - 8];
                in.readFully(body);
                if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                    toClient.write('N'); // no encryption on loopback; the client goes on in plain text
                    toClient.flush();
                    continue;
                }
                toServer.write(code == PROTOCOL_3_0 ? filteredStartup(body) : packet(code, body));
                toServer.flush();
                break;
            }
            Thread upstreamPump = pump(server.getInputStream(), toClient, client);
            in.transferTo(toServer);
            server.shutdownOutput();
            upstreamPump.join();
        } catch (IOException e) {
            LOG.debug("proxied connection ended: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.removeIf(Socket::isClosed);
        }
    }

    private Thread pump(InputStream from, OutputStream to, Socket closeWhenDone) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                LOG.debug("upstream relay ended: {}", e.toString());
            } finally {
                try {
                    closeWhenDone.shutdownOutput();
                } catch (IOException e) {
                    LOG.debug("client already closed: {}", e.toString());
                }
            }
        }, "redshift-startup-filter-relay");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private byte[] filteredStartup(byte[] body) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < body.length && body[pos] != 0) {
            int keyEnd = indexOfZero(body, pos);
            int valueEnd = indexOfZero(body, keyEnd + 1);
            String key = new String(body, pos, keyEnd - pos, StandardCharsets.UTF_8);
            if (POSTGRES_STARTUP_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                kept.write(body, pos, valueEnd + 1 - pos);
            } else {
                dropped.add(key.toLowerCase(Locale.ROOT));
            }
            pos = valueEnd + 1;
        }
        kept.write(0);
        return packet(PROTOCOL_3_0, kept.toByteArray());
    }

    private static int indexOfZero(byte[] body, int from) throws IOException {
        for (int i = from; i < body.length; i++) {
            if (body[i] == 0) {
                return i;
            }
        }
        throw new IOException("unterminated string in startup packet");
    }

    private static byte[] packet(int code, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 8);
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(body.length + 8);
        data.writeInt(code);
        data.write(body);
        return out.toByteArray();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("listener close: {}", e.toString());
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("socket close: {}", e.toString());
            }
        }
        open.clear();
    }
}
