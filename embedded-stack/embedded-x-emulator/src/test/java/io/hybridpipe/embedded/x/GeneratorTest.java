package io.hybridpipe.embedded.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static final FieldSelection EVERYTHING = new FieldSelection(FieldSelection.TWEET_FIELDS,
            FieldSelection.EXPANSIONS, FieldSelection.USER_FIELDS);

    private static List<GeneratedTweet> generate(long seed, int n, long createdAt) {
        TweetGenerator generator = new TweetGenerator(seed);
        List<GeneratedTweet> tweets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tweets.add(generator.next(createdAt + i));
        }
        return tweets;
    }

    private static List<String> rendered(List<GeneratedTweet> tweets) {
        TweetRenderer renderer = new TweetRenderer();
        return tweets.stream().map(t -> new String(renderer.render(t, EVERYTHING, null), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    @Test
    void sameSeedSamePostsOtherSeedOtherPosts() {
        List<String> a = rendered(generate(42L, 500, 1_000_000L));
        List<String> b = rendered(generate(42L, 500, 1_000_000L));
        List<String> c = rendered(generate(43L, 500, 1_000_000L));
        assertThat(a).isEqualTo(b);
        assertThat(a).doesNotContainAnyElementsOf(c);
    }

    @Test
    void idsIncreaseAndFitXsSnowflakeRange() {
        List<GeneratedTweet> tweets = generate(1L, 2000, 0L);
        for (int i = 1; i < tweets.size(); i++) {
            assertThat(Long.parseLong(tweets.get(i).id)).isGreaterThan(Long.parseLong(tweets.get(i - 1).id));
        }
        assertThat(tweets.get(0).id).hasSize(19);
    }

    @Test
    void theVarietyPromised() {
        List<GeneratedTweet> tweets = generate(42L, 3000, 0L);
        assertThat(tweets).anyMatch(t -> t.text.codePoints().anyMatch(cp -> cp >= 0x1F300 && cp <= 0x1FAFF));
        assertThat(tweets).anyMatch(t -> t.text.chars().anyMatch(ch -> Character.isSurrogate((char) ch)));
        assertThat(tweets).anyMatch(t -> t.text.codePoints().anyMatch(cp -> Character.getDirectionality(cp)
                == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC));
        assertThat(tweets).anyMatch(t -> t.text.codePoints().anyMatch(cp -> Character.getDirectionality(cp)
                == Character.DIRECTIONALITY_RIGHT_TO_LEFT));
        assertThat(tweets).anyMatch(t -> t.text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
                == Character.UnicodeScript.HAN));
        assertThat(tweets).anyMatch(t -> t.text.contains("\u200D"));
        assertThat(tweets).anyMatch(GeneratedTweet::isLongPost);
        assertThat(tweets).anyMatch(t -> t.text.codePointCount(0, t.text.length()) > 1000);
        for (String type : List.of("replied_to", "retweeted", "quoted")) {
            assertThat(tweets).as(type).anyMatch(t -> t.reference != null && t.reference.type().equals(type));
        }
        assertThat(tweets).anyMatch(t -> t.reference == null);
        assertThat(tweets).filteredOn(t -> t.reference != null && t.reference.type().equals("retweeted"))
                .allMatch(t -> t.text.startsWith("RT @" + t.reference.tweet().author.username() + ": "));
        assertThat(tweets).filteredOn(t -> t.reference != null && t.reference.type().equals("replied_to"))
                .allMatch(t -> t.inReplyToUserId.equals(t.reference.tweet().author.id())
                        && t.conversationId.equals(t.reference.tweet().conversationId));
        assertThat(tweets).anyMatch(t -> t.source != null);
        assertThat(tweets.stream().filter(t -> t.source != null).count()).isLessThan(tweets.size() / 10);
        assertThat(tweets.stream().map(t -> t.lang).distinct().count()).isGreaterThanOrEqualTo(8);
        assertThat(tweets).anyMatch(t -> !t.hashtags.isEmpty());
        assertThat(tweets).anyMatch(t -> !t.urls.isEmpty());
        assertThat(tweets.stream().map(t -> t.author.id()).distinct().count()).isGreaterThan(100);
    }

    @Test
    void entityOffsetsCountCodePointsAndPointAtTheEntity() {
        int checked = 0;
        for (GeneratedTweet t : generate(5L, 2000, 0L)) {
            int[] cps = t.text.codePoints().toArray();
            for (TweetEntities.Hashtag h : t.hashtags) {
                assertThat(new String(cps, h.start(), h.end() - h.start())).isEqualTo("#" + h.tag());
                checked++;
            }
            for (TweetEntities.Mention m : t.mentions) {
                assertThat(new String(cps, m.start(), m.end() - m.start())).isEqualTo("@" + m.user().username());
                checked++;
            }
            for (TweetEntities.Url u : t.urls) {
                assertThat(new String(cps, u.start(), u.end() - u.start())).isEqualTo(u.url());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void surrogatePairsGoOutAsRawUtf8NotEscapes() {
        List<String> lines = rendered(generate(42L, 300, 0L));
        assertThat(lines).anyMatch(l -> l.codePoints().anyMatch(cp -> cp > 0xFFFF));
        assertThat(lines).noneMatch(l -> l.matches("(?s).*\\\\u[dD][89abAB][0-9a-fA-F]{2}.*"));
    }

    @Test
    void plannedPostsMatchTheirRule() {
        TweetGenerator generator = new TweetGenerator(9L);
        for (String rule : List.of("kafka", "\"grumpy cat\"", "#nifi", "@apache", "from:somebody", "cat lang:ja",
                "(spark OR flink) streaming", "from:4242 hello")) {
            RuleNode node = RuleParser.parse(rule);
            long matched = IntStream.range(0, 50)
                    .filter(i -> node.matches(generator.next(0L, RulePlanner.plan(node, generator.random()))))
                    .count();
            assertThat(matched).as(rule).isEqualTo(50);
        }
    }

    @Test
    void emittedPostsAreDeterministicBySeedWithIncreasingIdsNewerThanThePool() {
        PostFactory a = new PostFactory(42L, 0L);
        PostFactory b = new PostFactory(42L, 0L);
        PostFactory c = new PostFactory(43L, 0L);
        long previous = 0;
        int differentFromOtherSeed = 0;
        for (int i = 0; i < 1000; i++) {
            GeneratedTweet x = a.next(5L, List.of());
            GeneratedTweet y = b.next(5L, List.of());
            GeneratedTweet z = c.next(5L, List.of());
            assertThat(x.id).isEqualTo(y.id);
            assertThat(x.text).isEqualTo(y.text);
            differentFromOtherSeed += x.text.equals(z.text) ? 0 : 1;
            assertThat(Long.parseLong(x.id)).isGreaterThan(previous);
            previous = Long.parseLong(x.id);
            if (x.reference != null) {
                assertThat(Long.parseLong(x.reference.tweet().id)).isLessThan(Long.parseLong(x.id));
            }
            assertThat(x.conversationId).isEqualTo(x.prototype.startsConversation() ? x.id : x.prototype.conversationId);
        }
        assertThat(differentFromOtherSeed).isGreaterThan(900);
    }

    @Test
    void templateRenderingEqualsRenderingThePostDirectly() {
        PostFactory factory = new PostFactory(11L, 0L);
        TweetRenderer cached = new TweetRenderer();
        TweetRenderer direct = new TweetRenderer();
        List<StreamRule> rules = List.of(new StreamRule("1", "cat", "pets"), new StreamRule("2", "#nifi", null));
        for (int i = 0; i < 1500; i++) {
            GeneratedTweet stamped = factory.next(1_700_000_000_000L + i * 7L, List.of());
            GeneratedTweet p = stamped.prototype;
            GeneratedTweet plain = new GeneratedTweet(stamped.id, p.text, p.author, stamped.createdAtMillis, p.lang,
                    stamped.conversationId, p.hashtags, p.mentions, p.urls, p.metrics, p.reference, p.inReplyToUserId,
                    p.source, p.possiblySensitive);
            List<StreamRule> matching = i % 2 == 0 ? null : rules;
            assertThat(new String(cached.render(stamped, EVERYTHING, matching), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(direct.render(plain, EVERYTHING, matching), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
