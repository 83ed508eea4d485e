package io.hybridpipe.embedded.x;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One post: everything the renderer can put into a v2 payload. Either a pool post made by the
 * {@link TweetGenerator}, or a post stamped from one with a fresh id and time. Immutable.
 */
final class GeneratedTweet implements MatchableTweet {

    /** How the post refers to another one; {@code null} type for an original post. */
    record Reference(String type, GeneratedTweet tweet) {
    }

    final String id;
    final String text;
    final XUser author;
    final long createdAtMillis;
    final String lang;
    final String conversationId;
    final List<TweetEntities.Hashtag> hashtags;
    final List<TweetEntities.Mention> mentions;
    final List<TweetEntities.Url> urls;
    final TweetEntities.PublicMetrics metrics;
    final Reference reference;
    final String inReplyToUserId;
    final String source;
    final boolean possiblySensitive;
    /** The pool post this one was stamped from (same content, new id and time), or null for a pool post. */
    final GeneratedTweet prototype;

    private List<String> tokens;
    private Set<String> hashtagSet;
    private Set<String> mentionSet;

    GeneratedTweet(String id, String text, XUser author, long createdAtMillis, String lang, String conversationId,
                   List<TweetEntities.Hashtag> hashtags, List<TweetEntities.Mention> mentions,
                   List<TweetEntities.Url> urls, TweetEntities.PublicMetrics metrics, Reference reference,
                   String inReplyToUserId, String source, boolean possiblySensitive) {
        this.id = id;
        this.text = text;
        this.author = author;
        this.createdAtMillis = createdAtMillis;
        this.lang = lang;
        this.conversationId = conversationId;
        this.hashtags = hashtags;
        this.mentions = mentions;
        this.urls = urls;
        this.metrics = metrics;
        this.reference = reference;
        this.inReplyToUserId = inReplyToUserId;
        this.source = source;
        this.possiblySensitive = possiblySensitive;
        this.prototype = null;
    }

    private GeneratedTweet(GeneratedTweet prototype, String id, long createdAtMillis) {
        this.id = id;
        this.text = prototype.text;
        this.author = prototype.author;
        this.createdAtMillis = createdAtMillis;
        this.lang = prototype.lang;
        this.conversationId = prototype.startsConversation() ? id : prototype.conversationId;
        this.hashtags = prototype.hashtags;
        this.mentions = prototype.mentions;
        this.urls = prototype.urls;
        this.metrics = prototype.metrics;
        this.reference = prototype.reference;
        this.inReplyToUserId = prototype.inReplyToUserId;
        this.source = prototype.source;
        this.possiblySensitive = prototype.possiblySensitive;
        this.prototype = prototype;
    }

    /** A new post with this pool post's content and the given id and creation time. */
    GeneratedTweet stamp(String newId, long newCreatedAtMillis) {
        return new GeneratedTweet(this, newId, newCreatedAtMillis);
    }

    /** True if the post is the root of its conversation (its conversation id is its own id). */
    boolean startsConversation() {
        return conversationId.equals(id);
    }

    @Override
    public synchronized List<String> textTokens() {
        if (prototype != null) {
            return prototype.textTokens();
        }
        if (tokens == null) {
            tokens = TextTokens.of(text);
        }
        return tokens;
    }

    @Override
    public synchronized Set<String> hashtags() {
        if (prototype != null) {
            return prototype.hashtags();
        }
        if (hashtagSet == null) {
            hashtagSet = new HashSet<>();
            hashtags.forEach(h -> hashtagSet.add(h.tag().toLowerCase(Locale.ROOT)));
        }
        return hashtagSet;
    }

    @Override
    public synchronized Set<String> mentionedUsernames() {
        if (prototype != null) {
            return prototype.mentionedUsernames();
        }
        if (mentionSet == null) {
            mentionSet = new HashSet<>();
            mentions.forEach(m -> mentionSet.add(m.user().username().toLowerCase(Locale.ROOT)));
        }
        return mentionSet;
    }

    @Override
    public String authorId() {
        return author.id();
    }

    @Override
    public String authorUsername() {
        return author.username().toLowerCase(Locale.ROOT);
    }

    @Override
    public String lang() {
        return lang;
    }

    boolean isLongPost() {
        return text.codePointCount(0, text.length()) > 280;
    }
}
