package io.hybridpipe.embedded.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A TEST DOUBLE of the X (Twitter) API v2 streaming endpoints - not X, and not affiliated with it. A real
 * HTTP/1.1 server on 127.0.0.1 that follows the v2 stream contract ({@code notes/x-api-v2.md}):
 * <ul>
 *   <li>{@code GET /2/tweets/search/stream} (posts matching a rule, with {@code matching_rules}),
 *       {@code GET /2/tweets/sample/stream} (every post), {@code GET|POST /2/tweets/search/stream/rules};</li>
 *   <li>bearer-token auth (401 otherwise), {@code tweet.fields}, {@code expansions}, {@code user.fields},
 *       {@code backfill_minutes} (0-5);</li>
 *   <li>one JSON object per line, {@code \r\n} separated, chunked, a {@code \r\n} keep-alive after every
 *       {@code keepAliveInterval} of silence;</li>
 *   <li>a seeded generator of realistic posts, NDJSON replay, fault injection ({@link #faults()}), and logs of
 *       every request and every post id written to a socket.</li>
 * </ul>
 * When rules exist, every generated post is shaped to match one of them (chosen at random), so
 * {@link #emit(int)} delivers all n posts on the filtered stream; with no rules the filtered stream carries
 * nothing but keep-alives, as on X. Rule changes apply at once (X takes up to about 20 s).
 */
public final class XApiEmulator implements AutoCloseable {

    private final Builder settings;
    private final Clock clock;
    private final RuleBook ruleBook = new RuleBook();
    private final ConnectionLog connectionLog = new ConnectionLog();
    private final ConnectionRejections rejections = new ConnectionRejections();
    private final DisconnectBudget budget = new DisconnectBudget();
    private final SentTweetLog sentLog;
    private final StreamHub hub;
    private final Faults faults;
    private final LoopbackHttpServer server;
    private RateGenerator rateGenerator;

    private XApiEmulator(Builder builder) {
        this.settings = builder;
        this.clock = builder.clock;
        this.sentLog = new SentTweetLog(builder.recordSentTweetIds);
        this.hub = new StreamHub(new PostFactory(builder.seed, clock.millis()), ruleBook, clock, builder.backfillCapacity);
        this.faults = new Faults(hub, budget, rejections, clock);
        XApiRouter router = new XApiRouter(builder.bearerToken, clock, connectionLog, rejections,
                new RulesEndpoint(ruleBook, clock), hub, sentLog, budget,
                new XApiRouter.StreamSettings(builder.slowReaderLimitBytes, builder.keepAliveInterval.toNanos(),
                        builder.maxConnections, builder.connectionsPer15Minutes));
        this.server = new LoopbackHttpServer(builder.port, router);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and, if {@code ratePerSecond > 0}, starts generating. Returns this for chaining. */
    public synchronized XApiEmulator start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + settings.port, e);
        }
        if (settings.ratePerSecond > 0) {
            rateGenerator = new RateGenerator(hub, settings.ratePerSecond, settings.maxTweets);
            rateGenerator.start();
        }
        return this;
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String bearerToken() {
        return settings.bearerToken;
    }

    /**
     * Generates {@code n} posts now (the same posts for the same seed) and queues them to every open stream;
     * returns their ids. Posts also enter the backfill history even if no stream is open.
     */
    public List<String> emit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        return hub.generateAndPublish(n);
    }

    /**
     * Writes {@code line} (a {@code \r\n} is appended) verbatim to every open stream: for malformed, unknown
     * or oversized lines. Raw lines are not posts: they do not enter {@code sentTweetIds()}.
     */
    public void emitRaw(String line) {
        hub.broadcast(Faults.lineOf(line), null, false);
    }

    /**
     * Writes every non-blank line of a recorded NDJSON file verbatim to every open stream, in file order.
     * Lines whose JSON has {@code data.id} count as posts in {@code sentTweetIds()}; other lines (errors,
     * broken JSON) are sent all the same. Returns the number of lines queued.
     */
    public int replay(Path ndjson) {
        int lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (replayLine(line)) {
                    lines++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay " + ndjson, e);
        }
        return lines;
    }

    /** Sends one recorded line to every open stream; false (nothing sent) for a blank line. */
    boolean replayLine(String line) {
        if (line.isBlank()) {
            return false;
        }
        hub.broadcast(Faults.lineOf(line), tweetIdOf(line), false);
        return true;
    }

    private static String tweetIdOf(String line) {
        try {
            JsonNode id = XProblems.MAPPER.readTree(line).path("data").path("id");
            return id.isTextual() ? id.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    public Faults faults() {
        return faults;
    }

    /** Adds a rule directly, as a successful {@code POST .../rules} would; fails on an invalid or duplicate rule. */
    public StreamRule addRule(String value, String tag) {
        RuleBook.AddResult result = ruleBook.add(List.of(new StreamRule(null, value, tag)), false);
        RuleBook.AddOutcome outcome = result.outcomes().get(0);
        if (!result.created()) {
            throw new IllegalArgumentException(outcome.problemTitle() + " for rule '" + value + "'"
                    + (outcome.detail() == null ? "" : ": " + outcome.detail()));
        }
        return outcome.rule();
    }

    /** The current rule set, in creation order. */
    public List<StreamRule> rules() {
        return ruleBook.rules();
    }

    /** Every request answered so far (streams and rules), in arrival order. */
    public List<ConnectionAttempt> connectionAttempts() {
        return connectionLog.attempts();
    }

    /** Ids of posts written to a socket, in write order; a post written on two connections appears twice. */
    public List<String> sentTweetIds() {
        return sentLog.ids();
    }

    /**
     * The ids of {@link #sentTweetIds()} from position {@code index} on: a caller that follows the log as it grows
     * copies only what is new, not the whole run's ids each time.
     */
    public List<String> sentTweetIdsFrom(int index) {
        return sentLog.idsFrom(index);
    }

    /** {@link #sentTweetIds()} without repeats, in order of first write. */
    public List<String> distinctSentTweetIds() {
        return sentLog.distinctIds();
    }

    /**
     * Ids of posts in a write that failed as the connection dropped (a slow reader cut off, the client gone): the
     * socket took an unknown part of that write, so a client may have read any of them, or none. They are not in
     * {@link #sentTweetIds()}; a consumer may hold each at most once, and need not hold it at all.
     */
    public List<String> possiblySentTweetIds() {
        return sentLog.possiblySentIds();
    }

    /** How many posts were in writes that failed ({@link #possiblySentTweetIds()}), also when ids are not recorded. */
    public long possiblySentTweetCount() {
        return sentLog.possiblySentCount();
    }

    /** How many posts were written to sockets (counts repeats), also when ids are not recorded. */
    public long sentTweetCount() {
        return sentLog.count();
    }

    /** The stream connections that ended so far, with why and how many queued posts each one lost. */
    public List<ClosedStream> closedStreams() {
        return hub.closedStreams();
    }

    /** How many posts the generator made (emitted or at the configured rate). */
    public long generatedTweetCount() {
        return hub.generatedCount();
    }

    /** Stream connections open right now. */
    public int activeConnections() {
        return (int) hub.connections().stream().filter(c -> !c.isClosed()).count();
    }

    @Override
    public synchronized void close() {
        if (rateGenerator != null) {
            rateGenerator.close();
        }
        hub.closeAll("emulator closed");
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the emulator's server socket", e);
        }
    }

    /** Settings; every one has a default suited to tests. */
    public static final class Builder {
        private int port;
        private String bearerToken = XApiEmulatorMain.DEFAULT_TOKEN;
        private long seed = 42L;
        private double ratePerSecond;
        private Duration keepAliveInterval = Duration.ofSeconds(20);
        private long maxTweets = Long.MAX_VALUE;
        private long slowReaderLimitBytes = 64L * 1024 * 1024;
        private int maxConnections;
        private int connectionsPer15Minutes;
        private int backfillCapacity = 200_000;
        private boolean recordSentTweetIds = true;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** 0 (default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** The app token clients must send as {@code Authorization: Bearer <token>}. */
        public Builder bearerToken(String token) {
            this.bearerToken = Objects.requireNonNull(token, "token");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Posts generated per second from {@link #start()}; 0 (default) = only what the test emits. */
        public Builder ratePerSecond(double perSecond) {
            if (perSecond < 0) {
                throw new IllegalArgumentException("rate must be >= 0");
            }
            this.ratePerSecond = perSecond;
            return this;
        }

        /** Silence after which a {@code \r\n} keep-alive is written; X uses 20 s. */
        public Builder keepAliveInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("keep-alive interval must be positive");
            }
            this.keepAliveInterval = interval;
            return this;
        }

        /** The rate generator stops after this many posts; keep-alives continue. */
        public Builder maxTweets(long maxTweets) {
            if (maxTweets < 0) {
                throw new IllegalArgumentException("maxTweets must be >= 0");
            }
            this.maxTweets = maxTweets;
            return this;
        }

        /** A stream whose unsent buffer exceeds this many bytes is dropped (default 64 MiB; 0 = never). */
        public Builder slowReaderLimitBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("limit must be >= 0");
            }
            this.slowReaderLimitBytes = bytes;
            return this;
        }

        /** More simultaneous streams than this are refused with 429 TooManyConnections (default 0 = no limit). */
        public Builder maxConnections(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("max must be >= 0");
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * Enforces X's limit on stream connection attempts per endpoint and 15-minute window (X: 50): attempts
         * beyond it get 429 {@code Rate limit exceeded}; every stream answer then carries
         * {@code x-rate-limit-limit}, {@code -remaining} and {@code -reset}. Default 0: not enforced, no headers.
         */
        public Builder connectionsPer15Minutes(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be >= 0");
            }
            this.connectionsPer15Minutes = limit;
            return this;
        }

        /** How many recent posts the backfill history keeps at most (it also forgets posts older than 5 min). */
        public Builder backfillCapacity(int tweets) {
            if (tweets < 0) {
                throw new IllegalArgumentException("capacity must be >= 0");
            }
            this.backfillCapacity = tweets;
            return this;
        }

        /** False keeps only counts, for long benchmarks; {@code sentTweetIds()} then throws. */
        public Builder recordSentTweetIds(boolean record) {
            this.recordSentTweetIds = record;
            return this;
        }

        /** The clock for {@code created_at} and the logs; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public XApiEmulator build() {
            return new XApiEmulator(this);
        }
    }
}
