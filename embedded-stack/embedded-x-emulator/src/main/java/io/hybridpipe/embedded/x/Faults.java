package io.hybridpipe.embedded.x;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection for tests. Faults that write into streams act on every stream open at the time of the call.
 */
public final class Faults {

    private static final byte[] CRLF = {'\r', '\n'};

    private final StreamHub hub;
    private final DisconnectBudget budget;
    private final ConnectionRejections rejections;
    private final Clock clock;
    private final AtomicLong faultIds = new AtomicLong(1_000_000_000_000_000_000L);

    Faults(StreamHub hub, DisconnectBudget budget, ConnectionRejections rejections, Clock clock) {
        this.hub = hub;
        this.budget = budget;
        this.rejections = rejections;
        this.clock = clock;
    }

    /**
     * After {@code n} more posts have been written (counted across all streams), the stream that wrote the
     * n-th is closed abruptly: no terminating chunk, so the client sees the body end in the middle. One-shot.
     * Posts queued behind the cut are lost with the connection and never appear in {@code sentTweetIds()}.
     */
    public void disconnectAfterTweets(int n) {
        budget.arm(n);
    }

    /**
     * Every stream open now writes no byte at all, not even keep-alives, for {@code duration}; afterwards it
     * RESUMES with what was queued meanwhile (if the client still holds the connection). Streams opened during
     * the stall are not stalled, so a client that gives up on the silence and reconnects gets a working stream.
     * Posts queued during a stall count against the slow-reader limit.
     */
    public void stall(Duration duration) {
        hub.stallOpenStreams(duration);
    }

    /**
     * The next {@code count} stream connection attempts are answered with {@code status}, the extra
     * {@code headers} and {@code body} (null body: the body X sends for that status) instead of a stream.
     */
    public void rejectNextConnections(int count, int status, Map<String, String> headers, String body) {
        if (count < 0 || status < 100 || status > 599) {
            throw new IllegalArgumentException("count " + count + " / status " + status + " out of range");
        }
        rejections.add(count, new ConnectionRejections.Rejection(status, headers == null ? Map.of() : Map.copyOf(headers),
                body == null ? XProblems.forStatus(status) : body));
    }

    /** X's 429: {@code Rate limit exceeded} with {@code x-rate-limit-*} headers that reset after {@code resetIn}. */
    public void rateLimitNextConnections(int count, Duration resetIn) {
        long resetEpochSeconds = (clock.millis() + resetIn.toMillis() + 999) / 1000;
        rejectNextConnections(count, 429, Map.of(
                "x-rate-limit-limit", "50",
                "x-rate-limit-remaining", "0",
                "x-rate-limit-reset", Long.toString(resetEpochSeconds)), null);
    }

    /** Writes X's operational-disconnect error object into every open stream, then ends those streams cleanly. */
    public void sendOperationalDisconnect() {
        hub.broadcast(lineOf(XProblems.operationalDisconnect()), null, true);
    }

    /** Writes the TooManyConnections problem into every open stream, then ends those streams cleanly. */
    public void sendTooManyConnections() {
        hub.broadcast(lineOf(XProblems.tooManyConnections()), null, true);
    }

    /** Writes a line that is cut off in the middle of a JSON object. The stream stays open. */
    public void sendMalformedLine() {
        hub.broadcast(lineOf("{\"data\":{\"id\":\"" + faultIds.incrementAndGet() + "\",\"text\":\"this line is cut off"),
                null, false);
    }

    /**
     * Writes one syntactically valid post line of exactly {@code bytes} bytes (without its {@code \r\n}); its
     * text is padding. Returns its id. It is not counted in {@code sentTweetIds()}: it stands for a line a
     * client should refuse, not for a post.
     */
    public String sendLargeLine(int bytes) {
        String id = Long.toString(faultIds.incrementAndGet());
        String head = "{\"data\":{\"id\":\"" + id + "\",\"text\":\"";
        String tail = "\",\"edit_history_tweet_ids\":[\"" + id + "\"]}}";
        int padding = bytes - head.length() - tail.length();
        if (padding < 0) {
            throw new IllegalArgumentException("a line needs at least " + (head.length() + tail.length()) + " bytes");
        }
        hub.broadcast(lineOf(head + "a".repeat(padding) + tail), null, false);
        return id;
    }

    static byte[] lineOf(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 2];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(CRLF, 0, out, body.length, 2);
        return out;
    }
}
