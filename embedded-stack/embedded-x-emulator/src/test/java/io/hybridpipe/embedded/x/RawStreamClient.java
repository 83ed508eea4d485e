package io.hybridpipe.embedded.x;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A test client that speaks HTTP/1.1 over a plain socket and decodes the chunked stream itself, so tests can
 * see exactly what went over the wire: every chunk, every keep-alive, and whether the body ended cleanly
 * (terminating chunk) or was cut.
 */
final class RawStreamClient implements AutoCloseable {

    /** One line of the stream and when it arrived; an empty line is a keep-alive. */
    record Line(long receivedNanos, String text) {
        boolean isKeepAlive() {
            return text.isEmpty();
        }
    }

    private final Socket socket;
    private final InputStream in;
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    private final List<Line> lines = new ArrayList<>();
    private volatile boolean endedCleanly;
    private volatile boolean cut;
    private volatile String failure;
    private String errorBody;
    private Thread reader;
    private byte previous;

    private RawStreamClient(Socket socket, int status) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.status = status;
    }

    static RawStreamClient open(XApiEmulator x, String pathAndQuery, String token) throws IOException {
        return open(x.port(), pathAndQuery, token, 64 * 1024);
    }

    /** Opens and reads the head; with {@code receiveBuffer} small, a client that never reads fills up fast. */
    static RawStreamClient open(int port, String pathAndQuery, String token, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        OutputStream out = socket.getOutputStream();
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        String statusLine = readLine(in);
        RawStreamClient client = new RawStreamClient(socket, Integer.parseInt(statusLine.split(" ")[1]));
        String header;
        while (!(header = readLine(in)).isEmpty()) {
            int colon = header.indexOf(':');
            client.headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        if (client.status != 200) {
            int length = Integer.parseInt(client.headers.getOrDefault("content-length", "0"));
            client.errorBody = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        return client;
    }

    String errorBody() {
        return errorBody;
    }

    /** Starts decoding the chunked body on a background thread. */
    RawStreamClient startReading() {
        reader = new Thread(this::readChunks, "raw-stream-client");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    private void readChunks() {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        try {
            while (true) {
                String sizeLine = readLine(in);
                int size = Integer.parseInt(sizeLine.trim(), 16);
                if (size == 0) {
                    readLine(in);
                    endedCleanly = true;
                    return;
                }
                byte[] data = in.readNBytes(size);
                if (data.length < size) {
                    splitLines(pending, data); // a streaming client reads the lines of a chunk as they come
                    cut = true;
                    return;
                }
                readLine(in);
                splitLines(pending, data);
            }
        } catch (EndOfStream e) {
            cut = true;
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
            cut = true;
        }
    }

    private void splitLines(ByteArrayOutputStream pending, byte[] data) {
        for (byte b : data) {
            if (b == '\n' && previous == '\r') {
                byte[] soFar = pending.toByteArray();
                String text = new String(soFar, 0, soFar.length - 1, StandardCharsets.UTF_8);
                synchronized (this) {
                    lines.add(new Line(System.nanoTime(), text));
                }
                pending.reset();
            } else {
                pending.write(b);
            }
            previous = b;
        }
    }

    synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The non-keep-alive lines. */
    synchronized List<String> payloads() {
        return lines.stream().filter(l -> !l.isKeepAlive()).map(Line::text).toList();
    }

    synchronized long keepAlives() {
        return lines.stream().filter(Line::isKeepAlive).count();
    }

    boolean endedCleanly() {
        return endedCleanly;
    }

    /** True once the body ended without its terminating chunk. */
    boolean wasCut() {
        return cut;
    }

    String failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        throw new EndOfStream();
    }

    /** The server closed the connection where the chunked framing expected more. */
    private static final class EndOfStream extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
