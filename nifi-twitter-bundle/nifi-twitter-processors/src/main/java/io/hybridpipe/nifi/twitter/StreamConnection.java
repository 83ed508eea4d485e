package io.hybridpipe.nifi.twitter;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One open HTTP connection to a stream endpoint. The read timeout is the stall timeout: X sends a
 * keep-alive at least every 20 s, so a read that waits longer means the stream stalled.
 * {@link #close()} may be called from another thread to unblock a read (stop, stall watchdog).
 */
final class StreamConnection implements Closeable {
    private final HttpURLConnection connection;
    private final InputStream body;
    private final Optional<Long> rateLimitRemaining;

    private StreamConnection(HttpURLConnection connection, InputStream body, Optional<Long> rateLimitRemaining) {
        this.connection = connection;
        this.body = body;
        this.rateLimitRemaining = rateLimitRemaining;
    }

    /** @throws ConnectFailure classified for the reconnect policy (network, HTTP status, 429) */
    static StreamConnection open(XApiHttp http, String pathAndQuery, Duration stallTimeout) throws ConnectFailure {
        String what = "GET " + XApiHttp.pathOnly(pathAndQuery);
        HttpURLConnection connection = null;
        try {
            connection = http.open("GET", pathAndQuery, stallTimeout);
            int status = connection.getResponseCode();
            if (status != 200) {
                ConnectFailure failure = ConnectFailure.fromResponse(what, connection, Instant.now());
                connection.disconnect();
                throw failure;
            }
            return new StreamConnection(connection, connection.getInputStream(),
                    XApiHttp.headerAsLong(connection, "x-rate-limit-remaining"));
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw ConnectFailure.network(what, e, stallTimeout);
        }
    }

    InputStream body() {
        return body;
    }

    Optional<Long> rateLimitRemaining() {
        return rateLimitRemaining;
    }

    @Override
    public void close() {
        // disconnect() closes the socket, which also unblocks a reader thread waiting in read()
        connection.disconnect();
    }
}
