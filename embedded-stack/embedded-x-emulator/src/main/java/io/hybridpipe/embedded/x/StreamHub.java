package io.hybridpipe.embedded.x;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Produces posts and fans them out: generates (shaping each post to match one current rule, so that the
 * filtered stream receives every post when rules exist), renders each post per connection, queues it, and
 * keeps the recent history that {@code backfill_minutes} replays.
 */
final class StreamHub {

    static final Duration BACKFILL_WINDOW = Duration.ofMinutes(5);

    private final PostFactory posts;
    private final RuleBook rules;
    private final Clock clock;
    private final int historyCapacity;
    private final List<StreamConnection> connections = new CopyOnWriteArrayList<>();
    private final List<ClosedStream> closed = new CopyOnWriteArrayList<>();
    private final ArrayDeque<GeneratedTweet> history = new ArrayDeque<>();
    private final TweetRenderer renderer = new TweetRenderer();
    private long generatedCount;

    StreamHub(PostFactory posts, RuleBook rules, Clock clock, int historyCapacity) {
        this.posts = posts;
        this.rules = rules;
        this.clock = clock;
        this.historyCapacity = historyCapacity;
    }

    /** Generates {@code n} posts now and queues them to every open stream; returns their ids. */
    synchronized List<String> generateAndPublish(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            GeneratedTweet tweet = generate();
            ids.add(tweet.id);
            publish(tweet);
        }
        return ids;
    }

    synchronized long generatedCount() {
        return generatedCount;
    }

    private GeneratedTweet generate() {
        generatedCount++;
        return posts.next(clock.millis(), rules.compiled());
    }

    private void publish(GeneratedTweet tweet) {
        remember(tweet);
        List<StreamRule> matching = null;
        for (StreamConnection connection : connections) {
            if (connection.kind == StreamKind.FILTERED) {
                if (matching == null) {
                    matching = rules.matching(tweet);
                }
                if (!matching.isEmpty()) {
                    connection.offer(new Outgoing(renderer.render(tweet, connection.fields, matching), tweet.id, false));
                }
            } else {
                connection.offer(new Outgoing(renderer.render(tweet, connection.fields, null), tweet.id, false));
            }
        }
    }

    private void remember(GeneratedTweet tweet) {
        history.addLast(tweet);
        long horizon = tweet.createdAtMillis - BACKFILL_WINDOW.toMillis();
        while (!history.isEmpty()
                && (history.size() > historyCapacity || history.peekFirst().createdAtMillis < horizon)) {
            history.removeFirst();
        }
    }

    /** Sends the same line to every open stream; {@code tweetId} non-null if it is a post (replay). */
    synchronized void broadcast(byte[] line, String tweetId, boolean endsStream) {
        for (StreamConnection connection : connections) {
            connection.offer(new Outgoing(line, tweetId, endsStream));
        }
    }

    /**
     * Adds a connection to the fan-out and returns its backfill: the posts of the last {@code minutes} minutes,
     * oldest first, rendered lazily on the connection's own thread. Atomic with publishing, so no post falls
     * between the backfill and the live stream.
     */
    synchronized Iterable<Outgoing> register(StreamConnection connection, int minutes) {
        connections.add(connection);
        if (minutes <= 0) {
            return List.of();
        }
        long since = clock.millis() - Duration.ofMinutes(minutes).toMillis();
        List<GeneratedTweet> backfill = new ArrayList<>();
        for (GeneratedTweet tweet : history) {
            if (tweet.createdAtMillis >= since) {
                backfill.add(tweet);
            }
        }
        return () -> new BackfillLines(backfill, connection, rules);
    }

    void unregister(StreamConnection connection) {
        connections.remove(connection);
    }

    /** Called by a stream's writer once it has stopped. */
    void ended(StreamConnection connection) {
        closed.add(new ClosedStream(clock.instant(), connection.kind.path(), connection.closeReason(),
                connection.postsLost()));
    }

    /** Every stream that ended so far, in order. */
    List<ClosedStream> closedStreams() {
        return List.copyOf(closed);
    }

    List<StreamConnection> connections() {
        return List.copyOf(connections);
    }

    void stallOpenStreams(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        connections.forEach(c -> c.stallUntil(until));
    }

    void closeAll(String reason) {
        connections.forEach(c -> c.close(reason));
    }

    /** Renders backfill posts one by one as the writer asks for them; on the filtered stream only matches. */
    private static final class BackfillLines implements Iterator<Outgoing> {
        private final Iterator<GeneratedTweet> tweets;
        private final StreamConnection connection;
        private final RuleBook rules;
        private final TweetRenderer renderer = new TweetRenderer();
        private Outgoing next;

        BackfillLines(List<GeneratedTweet> tweets, StreamConnection connection, RuleBook rules) {
            this.tweets = tweets.iterator();
            this.connection = connection;
            this.rules = rules;
        }

        @Override
        public boolean hasNext() {
            while (next == null && tweets.hasNext()) {
                GeneratedTweet tweet = tweets.next();
                if (connection.kind == StreamKind.SAMPLE) {
                    next = new Outgoing(renderer.render(tweet, connection.fields, null), tweet.id, false);
                } else {
                    List<StreamRule> matching = rules.matching(tweet);
                    if (!matching.isEmpty()) {
                        next = new Outgoing(renderer.render(tweet, connection.fields, matching), tweet.id, false);
                    }
                }
            }
            return next != null;
        }

        @Override
        public Outgoing next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Outgoing out = next;
            next = null;
            return out;
        }
    }
}
