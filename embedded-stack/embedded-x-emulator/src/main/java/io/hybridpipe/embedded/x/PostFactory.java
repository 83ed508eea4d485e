package io.hybridpipe.embedded.x;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes the posts the emulator emits cheaply enough for 100,000+ posts/s: the {@link TweetGenerator} fills a
 * pool of varied posts once (and, per rule, a small pool of posts shaped to match it); each emitted post is a
 * pool post stamped with a fresh increasing id and the emission time. Renderers cache each pool post's JSON, so
 * an emitted post costs a template fill. Pool posts' ids are older than every emitted id, so replies, retweets
 * and quotes refer to older posts, as they would on X. Deterministic for a seed. Not thread-safe.
 */
final class PostFactory {

    static final int POOL_SIZE = 4096;
    static final int RULE_POOL_SIZE = 64;
    private static final long FIRST_EMITTED_ID = 1_870_000_000_000_000_000L;
    private static final int PLANT_ATTEMPTS = 5;

    private final TweetGenerator generator;
    private final SplittableRandom random;
    private final GeneratedTweet[] pool = new GeneratedTweet[POOL_SIZE];
    private final Map<String, List<GeneratedTweet>> rulePools = new HashMap<>();
    private final long poolCreatedAt;
    private long lastId = FIRST_EMITTED_ID;

    PostFactory(long seed, long poolCreatedAtMillis) {
        this.generator = new TweetGenerator(seed);
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.poolCreatedAt = poolCreatedAtMillis;
        for (int i = 0; i < POOL_SIZE; i++) {
            pool[i] = generator.next(poolCreatedAtMillis - (POOL_SIZE - i) * 1000L);
        }
    }

    /** The next post. With rules, it is shaped to match one of them, picked at random. */
    GeneratedTweet next(long createdAtMillis, List<CompiledRule> rules) {
        GeneratedTweet prototype = null;
        if (!rules.isEmpty()) {
            List<GeneratedTweet> matching = poolFor(rules.get(random.nextInt(rules.size())));
            if (!matching.isEmpty()) {
                prototype = matching.get(random.nextInt(matching.size()));
            }
        }
        if (prototype == null) {
            prototype = pool[random.nextInt(POOL_SIZE)];
        }
        lastId += 1 + random.nextInt(1 << 22);
        return prototype.stamp(Long.toString(lastId), createdAtMillis);
    }

    /** Posts that match {@code rule}; empty if the generator cannot shape one (e.g. {@code cat -cat}). */
    private List<GeneratedTweet> poolFor(CompiledRule rule) {
        return rulePools.computeIfAbsent(rule.rule().id(), id -> {
            List<GeneratedTweet> shaped = new ArrayList<>(RULE_POOL_SIZE);
            for (int i = 0; i < RULE_POOL_SIZE * PLANT_ATTEMPTS && shaped.size() < RULE_POOL_SIZE; i++) {
                GeneratedTweet candidate = generator.next(poolCreatedAt,
                        RulePlanner.plan(rule.node(), generator.random()));
                if (rule.node().matches(candidate)) {
                    shaped.add(candidate);
                }
            }
            return shaped;
        });
    }
}
