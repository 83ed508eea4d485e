package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.reconnect.FailureClass;
import io.hybridpipe.core.reconnect.ReconnectPolicy;
import io.hybridpipe.core.stream.KeepAlive;
import io.hybridpipe.core.stream.MalformedLine;
import io.hybridpipe.core.stream.RecentIdWindow;
import io.hybridpipe.core.stream.StreamError;
import io.hybridpipe.core.stream.StreamLineParser;
import io.hybridpipe.core.stream.StreamLineReader;
import io.hybridpipe.core.stream.StreamMessage;
import io.hybridpipe.core.stream.TweetMessage;
import org.apache.nifi.logging.ComponentLog;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The reader thread: synchronises rules, connects, reads lines as fast as the socket delivers them,
 * de-duplicates tweets by id and hands every message to the {@link MessageHandOff}. Any failure is
 * classified, reported as a bulletin and retried after the {@link ReconnectPolicy}'s delay, for ever,
 * until {@link #stop()}: the thread never ends on its own.
 */
final class StreamReader implements Runnable {
    /** Reason prefix of the MalformedLine standing for a line longer than the message size limit. */
    static final String OVERSIZED_REASON = "oversized";
    private static final int ERROR_BULLETIN_AFTER_ATTEMPTS = 3;
    private static final Duration QUEUE_FULL_BULLETIN_INTERVAL = Duration.ofSeconds(10);

    private final XApiHttp http;
    private final ReaderConfig config;
    private final MessageHandOff handOff;
    private final StreamStats stats;
    private final ComponentLog log;
    private final StreamLineParser parser = new StreamLineParser();
    private final RecentIdWindow recentIds;
    private final ReconnectPolicy policy;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile StreamConnection current;
    private volatile Instant lastQueueFullBulletin = Instant.EPOCH;
    private boolean rulesSynchronized;

    StreamReader(XApiHttp http, ReaderConfig config, MessageHandOff handOff, StreamStats stats, ComponentLog log) {
        this.http = http;
        this.config = config;
        this.handOff = handOff;
        this.stats = stats;
        this.log = log;
        this.recentIds = new RecentIdWindow(config.dedupWindow());
        this.policy = new ReconnectPolicy(config.backoff());
    }

    @Override
    public void run() {
        while (!stopping) {
            ConnectFailure failure;
            try {
                synchronizeRulesOnce();
                failure = readOneConnection();
            } catch (ConnectFailure f) {
                failure = f;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Unexpected error while reading the X stream; reconnecting", e);
                failure = new ConnectFailure(FailureClass.NETWORK, 0, Optional.empty(), "unexpected error: " + e);
            }
            if (stopping) {
                return;
            }
            if (!backOff(failure)) {
                return;
            }
        }
    }

    private void synchronizeRulesOnce() throws ConnectFailure {
        if (rulesSynchronized || !config.needsRuleSync()) {
            return;
        }
        try {
            RuleSynchronizer.Result result = new RuleSynchronizer(http).synchronize(config.ruleSyncStrategy(), config.rules());
            stats.rulesSynchronized(config.ruleSyncStrategy().allowableValue().getValue() + ": " + result + " at " + Instant.now());
            log.info("Stream rules synchronised ({}): {}", config.ruleSyncStrategy().allowableValue().getDisplayName(), result);
            rulesSynchronized = true;
        } catch (IOException e) {
            throw ConnectFailure.network("Synchronising stream rules", e, config.stallTimeout());
        }
    }

    /** Returns why the connection ended; throws when it could not be opened. */
    private ConnectFailure readOneConnection() throws ConnectFailure, InterruptedException {
        StreamConnection connection = StreamConnection.open(http, config.streamPathAndQuery(), config.stallTimeout());
        current = connection;
        try {
            if (stopping) {
                return null;
            }
            Instant now = Instant.now();
            policy.onConnected(now);
            stats.connected(now, connection.rateLimitRemaining().orElse(null));
            log.info("Connected to {} (connection {})", config.endpoint().path(), stats.connections());
            return readLines(connection);
        } catch (IOException e) {
            return ConnectFailure.network("Reading " + config.endpoint().path(), e, config.stallTimeout());
        } finally {
            current = null;
            close(connection);
        }
    }

    private ConnectFailure readLines(StreamConnection connection) throws IOException, InterruptedException {
        StreamLineReader lines = new StreamLineReader(connection.body(), config.maxMessageBytes());
        StreamError lastError = null;
        StreamLineReader.Line line;
        while (!stopping && (line = lines.next()) != null) {
            StreamMessage message = line.oversized()
                    ? new MalformedLine(OVERSIZED_REASON + ": line longer than " + config.maxMessageBytes()
                            + " bytes (Max Message Size); only its first " + line.len() + " bytes are kept", copy(line))
                    : parser.parse(line.buf(), line.off(), line.len());
            if (message instanceof KeepAlive) {
                stats.lineRead(line.len() + 2);
                continue;
            }
            if (message instanceof TweetMessage tweet) {
                stats.tweetRead(tweet.id(), line.len() + 2);
                if (!recentIds.firstSeen(tweet.id())) {
                    stats.duplicateSkipped();
                    continue;
                }
            } else {
                stats.lineRead(line.len() + 2);
                if (message instanceof StreamError error) {
                    lastError = error;
                    log.warn("X sent an error in the stream: {} {}{}", error.type(),
                            error.detail() == null ? "" : error.detail(), error.disconnect() ? " (disconnecting)" : "");
                }
            }
            handOff.put(message, () -> stopping, this::queueStayedFull);
        }
        if (stopping) {
            return null;
        }
        if (lastError != null && "TooManyConnections".equals(lastError.type())) {
            return new ConnectFailure(FailureClass.HTTP, 0, Optional.empty(),
                    "X closed the stream: TooManyConnections (another client holds this app's stream connection)");
        }
        return ConnectFailure.endOfStream(lastError == null ? "" : " after sending " + lastError.type());
    }

    private static byte[] copy(StreamLineReader.Line line) {
        return java.util.Arrays.copyOfRange(line.buf(), line.off(), line.off() + line.len());
    }

    private void queueStayedFull(int capacity, Duration waited) {
        stats.queueFullWait();
        Instant now = Instant.now();
        if (Duration.between(lastQueueFullBulletin, now).compareTo(QUEUE_FULL_BULLETIN_INTERVAL) >= 0) {
            lastQueueFullBulletin = now;
            log.warn("The internal queue ({} messages) stayed full for {} ms: downstream is slower than the stream,"
                    + " so the socket is not being read and X may drop the connection. Nothing is dropped here;"
                    + " add downstream capacity or raise 'Queue Capacity' ({} waits so far)",
                    capacity, waited.toMillis(), stats.queueFullWaits());
        }
    }

    /** Waits the policy's delay; false when stopped meanwhile. */
    private boolean backOff(ConnectFailure failure) {
        Instant now = Instant.now();
        Duration delay = policy.nextDelay(failure.failureClass(), failure.rateLimitReset(), now);
        stats.failed(failure.failureClass(), failure.getMessage(), delay, now);
        int attempts = policy.attemptsSinceSuccess();
        String text = "{} (failure class {}, attempt {} since the last successful connection); retrying in {} ms";
        if (attempts >= ERROR_BULLETIN_AFTER_ATTEMPTS || failure.needsUserAction()) {
            log.error(text, failure.getMessage(), failure.failureClass(), attempts, delay.toMillis());
        } else {
            log.warn(text, failure.getMessage(), failure.failureClass(), attempts, delay.toMillis());
        }
        try {
            return !stopSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops reading: the thread hands over the message it holds and ends soon after. */
    void stop() {
        stopping = true;
        stopSignal.countDown();
        StreamConnection connection = current;
        if (connection != null) {
            close(connection);
        }
    }

    private void close(StreamConnection connection) {
        try {
            connection.close();
        } catch (IOException e) {
            log.debug("Closing the stream connection failed (it is dropped either way): {}", e.toString());
        }
    }
}
