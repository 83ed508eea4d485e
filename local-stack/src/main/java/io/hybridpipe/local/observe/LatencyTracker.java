package io.hybridpipe.local.observe;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency samples for one tweet id in k, the same ids in every stage (chosen by a hash of the id, so the choice is
 * deterministic and needs no coordination). A tweet's latency to a stage is the time of the first poll that sees it
 * there minus its {@code created_at}. Kafka probes see every record and {@link #register} the sampled ones with their
 * {@code created_at}; table probes ask which registered ids they have {@linkplain #pending not seen yet} and look
 * only those up. Thread-safe.
 */
final class LatencyTracker {

    private final int every;
    private final Clock clock;
    private final List<ProbeFailure> problems = new ArrayList<>();
    private final Map<String, Instant> createdAt = new LinkedHashMap<>();
    private final Map<Stage, Map<String, LatencySample>> seen = new EnumMap<>(Stage.class);

    LatencyTracker(int every, Clock clock) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, was " + every);
        }
        this.every = every;
        this.clock = clock;
        for (Stage s : Stage.values()) {
            seen.put(s, new LinkedHashMap<>());
        }
    }

    /** True for the one id in k that is sampled. */
    boolean sampled(String tweetId) {
        return every == 1 || Math.floorMod(mix(tweetId.hashCode()), every) == 0;
    }

    /** Remembers a sampled tweet's {@code created_at}; the first registration wins. */
    synchronized void register(String tweetId, Instant created) {
        createdAt.putIfAbsent(tweetId, created);
    }

    /** True once a Kafka probe registered the sampled tweet with its {@code created_at}. */
    synchronized boolean isRegistered(String tweetId) {
        return createdAt.containsKey(tweetId);
    }

    /** Records that {@code stage} holds the tweet at {@code seenAt}, unless it was seen there before. */
    synchronized void seen(Stage stage, String tweetId, Instant seenAt) {
        Instant created = createdAt.get(tweetId);
        if (created == null) {
            throw new IllegalStateException("tweet " + tweetId + " was seen in " + stage + " before it was registered");
        }
        seen.get(stage).putIfAbsent(tweetId, new LatencySample(stage, tweetId, created, seenAt));
    }

    /** Registered ids not yet seen in {@code stage}, oldest first, at most {@code limit}. */
    synchronized List<String> pending(Stage stage, int limit) {
        Map<String, LatencySample> already = seen.get(stage);
        List<String> ids = new ArrayList<>(Math.min(limit, createdAt.size()));
        for (String id : createdAt.keySet()) {
            if (ids.size() == limit) {
                break;
            }
            if (!already.containsKey(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** A sampled tweet whose {@code created_at} could not be read: no latency for it, and the reason is kept. */
    synchronized void unreadable(Stage stage, String tweetId, String reason) {
        problems.add(new ProbeFailure(Instant.now(clock), stage, "no latency for tweet " + tweetId + ": " + reason));
    }

    synchronized List<ProbeFailure> problems() {
        return List.copyOf(problems);
    }

    synchronized List<LatencySample> samples() {
        List<LatencySample> all = new ArrayList<>();
        seen.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /** Spreads the bits of {@link String#hashCode}, whose low bits follow the last digit of a decimal id. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
