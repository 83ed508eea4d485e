package io.hybridpipe.embedded.x;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads one HTTP/1.1 request from a socket: request line, headers, and a Content-Length or chunked body. */
final class HttpRequestReader {

    static final int MAX_HEAD_BYTES = 64 * 1024;
    static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

    private final InputStream in;
    private final OutputStream out;

    /** @param out where to write {@code 100 Continue} for clients that send {@code Expect: 100-continue} */
    HttpRequestReader(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** @return the request, or {@code null} if the client closed the connection before sending one */
    HttpRequest read() throws IOException {
        String requestLine = readLine(true);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new MalformedRequestException("bad request line: " + requestLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int headBytes = requestLine.length();
        String line;
        while (!(line = readLine(false)).isEmpty()) {
            headBytes += line.length();
            if (headBytes > MAX_HEAD_BYTES) {
                throw new MalformedRequestException("request head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedRequestException("bad header line: " + line);
            }
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body = readBody(headers);
        try {
            return HttpRequest.of(parts[0], parts[1], headers, body);
        } catch (IllegalArgumentException e) {
            throw new MalformedRequestException("bad query string in " + parts[1] + ": " + e.getMessage());
        }
    }

    private byte[] readBody(Map<String, String> headers) throws IOException {
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunkedBody();
        }
        String length = headers.get("content-length");
        if (length == null) {
            return new byte[0];
        }
        int n;
        try {
            n = Integer.parseInt(length.trim());
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("bad Content-Length: " + length);
        }
        if (n < 0 || n > MAX_BODY_BYTES) {
            throw new MalformedRequestException("Content-Length out of range: " + n);
        }
        return readExactly(n);
    }

    private byte[] readChunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int semicolon = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new MalformedRequestException("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                skipTrailers();
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new MalformedRequestException("request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            body.write(readExactly(size));
            readLine(false);
        }
    }

    /** Trailers are read and ignored: none of the emulator's endpoints defines one. */
    private void skipTrailers() throws IOException {
        String trailer;
        do {
            trailer = readLine(false);
        } while (!trailer.isEmpty());
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new MalformedRequestException("body ended after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    /** Reads a CRLF (or bare LF) terminated ISO-8859-1 line; at EOF returns null if allowed, else fails. */
    private String readLine(boolean eofAllowed) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() > MAX_HEAD_BYTES) {
                throw new MalformedRequestException("line longer than " + MAX_HEAD_BYTES + " bytes");
            }
            line.append((char) b);
        }
        if (eofAllowed && line.length() == 0) {
            return null;
        }
        throw new MalformedRequestException("connection closed in the middle of the request");
    }

    /** The bytes on the wire are not an HTTP/1.1 request the emulator can parse. */
    static final class MalformedRequestException extends IOException {
        MalformedRequestException(String message) {
            super(message);
        }
    }
}
