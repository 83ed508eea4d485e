package io.hybridpipe.nifi.twitter;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One open connection to a stream endpoint. The socket's read timeout is the stall timeout: X sends a
 * keep-alive at least every 20 s, so a read that waits longer means the stream stalled.
 * {@link #close()} may be called from another thread to end a blocked read (stop).
 */
final class StreamConnection implements Closeable {
    private final HttpConnection connection;
    private final Optional<Long> rateLimitRemaining;

    private StreamConnection(HttpConnection connection) {
        this.connection = connection;
        this.rateLimitRemaining = connection.head().headerAsLong("x-rate-limit-remaining");
    }

    /** @throws ConnectFailure classified for the reconnect policy (network, HTTP status, 429) */
    static StreamConnection open(XApiHttp http, String pathAndQuery, Duration stallTimeout) throws ConnectFailure {
        String what = "GET " + XApiHttp.pathOnly(pathAndQuery);
        HttpConnection connection;
        try {
            connection = http.open("GET", pathAndQuery);
        } catch (IOException e) {
            throw ConnectFailure.network(what, e, stallTimeout);
        }
        if (connection.head().status() != 200) {
            ConnectFailure failure = ConnectFailure.fromResponse(what, connection, Instant.now());
            closeQuietly(connection, failure);
            throw failure;
        }
        return new StreamConnection(connection);
    }

    private static void closeQuietly(HttpConnection connection, ConnectFailure failure) {
        try {
            connection.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    InputStream body() {
        return connection.body();
    }

    Optional<Long> rateLimitRemaining() {
        return rateLimitRemaining;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
