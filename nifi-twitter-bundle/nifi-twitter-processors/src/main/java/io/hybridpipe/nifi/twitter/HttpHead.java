package io.hybridpipe.nifi.twitter;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The status line and headers of an HTTP/1.1 response. */
record HttpHead(int status, String reason, Map<String, String> headers) {
    static final int MAX_HEAD_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    Optional<Long> headerAsLong(String name) {
        try {
            return header(name).map(String::strip).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static HttpHead read(InputStream in) throws IOException {
        String statusLine = readLine(in, MAX_HEAD_LINE);
        if (statusLine == null) {
            throw new EOFException("the server closed the connection without answering");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + abbreviate(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status line: " + abbreviate(statusLine));
        }
        Map<String, String> headers = new HashMap<>();
        String line;
        while ((line = readLine(in, MAX_HEAD_LINE)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                        (a, b) -> a + ", " + b);
            }
            if (headers.size() > MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " response headers");
            }
        }
        if (line == null) {
            throw new EOFException("the server closed the connection in the middle of the response headers");
        }
        return new HttpHead(status, parts.length > 2 ? parts[2] : "", Map.copyOf(headers));
    }

    /** One CRLF- (or LF-) terminated ISO-8859-1 line without its terminator; null at end of stream before any byte. */
    static String readLine(InputStream in, int maxLength) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > maxLength) {
                throw new IOException("HTTP line longer than " + maxLength + " bytes");
            }
            line.write(b);
        }
        if (line.size() == 0) {
            return null;
        }
        throw new EOFException("the connection closed in the middle of a line");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
