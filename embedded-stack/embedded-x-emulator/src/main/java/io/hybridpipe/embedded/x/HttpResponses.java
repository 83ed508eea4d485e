package io.hybridpipe.embedded.x;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes complete (non-streaming) HTTP/1.1 responses; every one closes the connection afterwards. */
final class HttpResponses {

    static final String JSON = "application/json; charset=utf-8";

    private HttpResponses() {
    }

    static void write(OutputStream out, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                .append("Content-Type: ").append(JSON).append("\r\n")
                .append("Content-Length: ").append(bytes.length).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /** The head of a streaming response: chunked, JSON, kept open. */
    static byte[] streamHead(Map<String, String> headers) {
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 200 OK\r\n")
                .append("Content-Type: ").append(JSON).append("\r\n")
                .append("Transfer-Encoding: chunked\r\n")
                .append("Cache-Control: no-cache, no-store\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 201: return "Created";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 409: return "Conflict";
            case 420: return "Enhance Your Calm";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "Status " + status;
        }
    }
}
