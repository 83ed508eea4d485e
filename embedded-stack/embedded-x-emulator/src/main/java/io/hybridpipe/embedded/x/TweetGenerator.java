package io.hybridpipe.embedded.x;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded generator of realistic posts: increasing snowflake-sized ids, authors from a fixed pool, originals,
 * replies, retweets and quotes, hashtags, mentions and links with code-point offsets, emoji, right-to-left
 * scripts, surrogate pairs and long posts. The same seed gives the same posts (ids and all; only
 * {@code created_at}, the emission time, differs). Not thread-safe: callers serialise access.
 */
final class TweetGenerator {

    private static final long FIRST_ID = 1_862_000_000_000_000_000L;
    private static final int USER_POOL = 500;
    private static final int RECENT = 512;

    private final SplittableRandom random;
    private final List<XUser> users = new ArrayList<>(USER_POOL);
    private final Map<String, XUser> usersByName = new HashMap<>();
    private final GeneratedTweet[] recent = new GeneratedTweet[RECENT];
    private long generated;
    private long lastId = FIRST_ID;

    TweetGenerator(long seed) {
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < USER_POOL; i++) {
            XUser user = newUser(null, null);
            users.add(user);
            usersByName.put(user.username().toLowerCase(Locale.ROOT), user);
        }
    }

    SplittableRandom random() {
        return random;
    }

    GeneratedTweet next(long createdAtMillis) {
        return next(createdAtMillis, RulePlan.NONE);
    }

    /** The next post, shaped so that it contains what {@code plan} asks for. */
    GeneratedTweet next(long createdAtMillis, RulePlan plan) {
        lastId += 1 + random.nextInt(1 << 22);
        String id = Long.toString(lastId);
        XUser author = plan.from() != null ? userNamed(plan.from()) : users.get(random.nextInt(USER_POOL));
        GeneratedTweet parent = generated > 0 ? recent[(int) (random.nextLong(Math.min(generated, RECENT)))] : null;
        int kind = random.nextInt(100);
        GeneratedTweet tweet;
        if (parent != null && kind < 15) {
            tweet = reply(id, author, createdAtMillis, parent, plan);
        } else if (parent != null && kind < 28 && plan.terms().isEmpty() && plan.hashtags().isEmpty()
                && plan.mentions().isEmpty() && plan.lang() == null) {
            tweet = retweet(id, author, createdAtMillis, parent);
        } else if (parent != null && kind < 36) {
            tweet = quote(id, author, createdAtMillis, parent, plan);
        } else {
            tweet = original(id, author, createdAtMillis, plan);
        }
        recent[(int) (generated % RECENT)] = tweet;
        generated++;
        return tweet;
    }

    private GeneratedTweet original(String id, XUser author, long createdAt, RulePlan plan) {
        TextAssembler text = new TextAssembler();
        TextCorpus.Language language = language(plan);
        List<TweetEntities.Mention> mentions = new ArrayList<>();
        if (random.nextInt(100) < 15) {
            XUser mentioned = users.get(random.nextInt(USER_POOL));
            mentions.add(text.mention(mentioned));
            text.append(" ");
        }
        return body(id, author, createdAt, plan, text, language, mentions, null, null, id);
    }

    private GeneratedTweet reply(String id, XUser author, long createdAt, GeneratedTweet parent, RulePlan plan) {
        TextAssembler text = new TextAssembler();
        List<TweetEntities.Mention> mentions = new ArrayList<>();
        mentions.add(text.mention(parent.author));
        text.append(" ");
        return body(id, author, createdAt, plan, text, language(plan), mentions,
                new GeneratedTweet.Reference("replied_to", parent), parent.author.id(), parent.conversationId);
    }

    private GeneratedTweet quote(String id, XUser author, long createdAt, GeneratedTweet parent, RulePlan plan) {
        TextAssembler text = new TextAssembler();
        return body(id, author, createdAt, plan, text, language(plan), new ArrayList<>(),
                new GeneratedTweet.Reference("quoted", parent), null, id);
    }

    /** X renders a retweet as {@code RT @author: } followed by the original text, entities shifted. */
    private GeneratedTweet retweet(String id, XUser author, long createdAt, GeneratedTweet original) {
        TextAssembler text = new TextAssembler();
        text.append("RT ");
        List<TweetEntities.Mention> mentions = new ArrayList<>();
        mentions.add(text.mention(original.author));
        text.append(": ");
        int shift = text.codePoints();
        text.append(original.text);
        List<TweetEntities.Hashtag> hashtags = new ArrayList<>();
        original.hashtags.forEach(h -> hashtags.add(new TweetEntities.Hashtag(h.start() + shift, h.end() + shift, h.tag())));
        original.mentions.forEach(m -> mentions.add(new TweetEntities.Mention(m.start() + shift, m.end() + shift, m.user())));
        List<TweetEntities.Url> urls = new ArrayList<>();
        original.urls.forEach(u -> urls.add(new TweetEntities.Url(u.start() + shift, u.end() + shift, u.url(),
                u.expandedUrl(), u.displayUrl())));
        return new GeneratedTweet(id, text.toString(), author, createdAt, original.lang, id, hashtags, mentions, urls,
                new TweetEntities.PublicMetrics(original.metrics.retweetCount(), 0, 0, 0, 0, 0),
                new GeneratedTweet.Reference("retweeted", original), null, source(), original.possiblySensitive);
    }

    private GeneratedTweet body(String id, XUser author, long createdAt, RulePlan plan, TextAssembler text,
                                TextCorpus.Language language, List<TweetEntities.Mention> mentions,
                                GeneratedTweet.Reference reference, String inReplyToUserId, String conversationId) {
        List<TweetEntities.Hashtag> hashtags = new ArrayList<>();
        List<TweetEntities.Url> urls = new ArrayList<>();
        boolean longPost = random.nextInt(100) < 4;
        int targetCodePoints = longPost ? 300 + random.nextInt(3700) : 20 + random.nextInt(200);
        int emojiPercent = random.nextInt(100) < 40 ? 15 : 0;
        words(text, language, emojiPercent, Math.min(targetCodePoints, 40 + random.nextInt(60)));
        for (String term : plan.terms()) {
            text.append(" ").append(term);
        }
        if (longPost) {
            words(text, language, emojiPercent, targetCodePoints);
        }
        for (String mention : plan.mentions()) {
            text.append(" ");
            mentions.add(text.mention(userNamed(mention)));
        }
        int extraTags = random.nextInt(100) < 35 ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < extraTags; i++) {
            text.append(" ");
            hashtags.add(text.hashtag(TextCorpus.HASHTAGS.get(random.nextInt(TextCorpus.HASHTAGS.size()))));
        }
        for (String tag : plan.hashtags()) {
            text.append(" ");
            hashtags.add(text.hashtag(tag));
        }
        if (reference != null && reference.type().equals("quoted")) {
            text.append(" ");
            urls.add(text.url("https://x.com/" + reference.tweet().author.username() + "/status/" + reference.tweet().id));
        } else if (random.nextInt(100) < 15) {
            text.append(" ");
            urls.add(text.url("https://example.org/" + language.code() + "/" + Long.toString(random.nextLong(1L << 40), 36)));
        }
        String lang = plan.lang() != null ? plan.lang() : language.code();
        int likes = skewed(5000);
        TweetEntities.PublicMetrics metrics = new TweetEntities.PublicMetrics(skewed(800), skewed(300), likes,
                skewed(100), skewed(200), likes * (5 + random.nextInt(50)));
        return new GeneratedTweet(id, text.toString(), author, createdAt, lang, conversationId, hashtags, mentions, urls,
                metrics, reference, inReplyToUserId, source(), random.nextInt(100) < 3);
    }

    private void words(TextAssembler text, TextCorpus.Language language, int emojiPercent, int targetCodePoints) {
        boolean first = text.codePoints() == 0 || text.endsWithSpace();
        while (text.codePoints() < targetCodePoints) {
            if (!first) {
                text.append(" ");
            }
            first = false;
            if (random.nextInt(100) < emojiPercent) {
                text.append(TextCorpus.EMOJI.get(random.nextInt(TextCorpus.EMOJI.size())));
            } else {
                text.append(language.words().get(random.nextInt(language.words().size())));
            }
        }
    }

    private TextCorpus.Language language(RulePlan plan) {
        if (plan.lang() != null) {
            for (TextCorpus.Language language : TextCorpus.LANGUAGES) {
                if (language.code().equals(plan.lang())) {
                    return language;
                }
            }
            return TextCorpus.LANGUAGES.get(0);
        }
        int roll = random.nextInt(100);
        return roll < 45 ? TextCorpus.LANGUAGES.get(0)
                : TextCorpus.LANGUAGES.get(1 + random.nextInt(TextCorpus.LANGUAGES.size() - 1));
    }

    /** X's {@code source} is rarely present nowadays: about 2 % of posts carry one. */
    private String source() {
        return random.nextInt(100) < 2 ? TextCorpus.SOURCES.get(random.nextInt(TextCorpus.SOURCES.size())) : null;
    }

    /** Mostly small counts with a long tail, as engagement is. */
    private int skewed(int max) {
        double u = random.nextDouble();
        return (int) (max * u * u * u * u);
    }

    /** A pool user with that username or id, or a new one created for a {@code from:} or {@code @} rule. */
    private XUser userNamed(String usernameOrId) {
        String key = usernameOrId.toLowerCase(Locale.ROOT);
        XUser known = usersByName.get(key);
        if (known != null) {
            return known;
        }
        for (XUser user : users) {
            if (user.id().equals(usernameOrId)) {
                return user;
            }
        }
        boolean numeric = !usernameOrId.isEmpty() && usernameOrId.chars().allMatch(Character::isDigit);
        XUser created = numeric ? newUser(null, usernameOrId) : newUser(usernameOrId, null);
        usersByName.put(created.username().toLowerCase(Locale.ROOT), created);
        return created;
    }

    private XUser newUser(String username, String id) {
        String first = TextCorpus.FIRST_NAMES.get(random.nextInt(TextCorpus.FIRST_NAMES.size()));
        String last = TextCorpus.LAST_NAMES.get(random.nextInt(TextCorpus.LAST_NAMES.size()));
        String userId = id != null ? id : Long.toString(1_000_000L + random.nextLong(1_900_000_000_000_000_000L));
        String name = username != null ? username : handle();
        String location = random.nextInt(100) < 70 ? TextCorpus.LOCATIONS.get(random.nextInt(TextCorpus.LOCATIONS.size())) : null;
        TextCorpus.Language language = TextCorpus.LANGUAGES.get(random.nextInt(TextCorpus.LANGUAGES.size()));
        String description = String.join(" ", language.words().get(random.nextInt(language.words().size())),
                language.words().get(random.nextInt(language.words().size())),
                TextCorpus.EMOJI.get(random.nextInt(TextCorpus.EMOJI.size())));
        long createdAt = 1_200_000_000_000L + random.nextLong(560_000_000_000L);
        return new XUser(userId, name, first + " " + last, location, description, createdAt, skewed(2_000_000),
                random.nextInt(5000), random.nextInt(200_000), skewed(10_000), random.nextInt(100) < 5,
                random.nextInt(100) < 2);
    }

    private String handle() {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        StringBuilder handle = new StringBuilder();
        int length = 4 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            handle.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return handle.toString();
    }
}
