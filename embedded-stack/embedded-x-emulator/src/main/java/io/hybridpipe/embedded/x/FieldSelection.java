package io.hybridpipe.embedded.x;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code tweet.fields}, {@code expansions} and {@code user.fields} a stream connection asked for.
 * Values X does not know are rejected (X answers 400); values X knows but the emulator has no data for
 * (media, polls, places...) are accepted and simply absent from payloads, as X omits empty fields.
 */
record FieldSelection(Set<String> tweetFields, Set<String> expansions, Set<String> userFields) {

    static final Set<String> TWEET_FIELDS = Set.of("article", "attachments", "author_id", "card_uri",
            "community_id", "context_annotations", "conversation_id", "created_at", "display_text_range",
            "edit_controls", "edit_history_tweet_ids", "entities", "geo", "id", "in_reply_to_user_id", "lang",
            "media_metadata", "non_public_metrics", "note_tweet", "organic_metrics", "possibly_sensitive",
            "promoted_metrics", "public_metrics", "referenced_tweets", "reply_settings", "scopes", "source",
            "text", "withheld");
    static final Set<String> EXPANSIONS = Set.of("article.cover_media", "article.media_entities",
            "attachments.media_keys", "attachments.media_source_tweet", "attachments.poll_ids", "author_id",
            "edit_history_tweet_ids", "entities.mentions.username", "geo.place_id", "in_reply_to_user_id",
            "entities.note.mentions.username", "referenced_tweets.id", "referenced_tweets.id.attachments.media_keys",
            "referenced_tweets.id.author_id");
    static final Set<String> USER_FIELDS = Set.of("affiliation", "connection_status", "created_at", "description",
            "entities", "id", "is_identity_verified", "location", "most_recent_tweet_id", "name", "parody",
            "pinned_tweet_id", "profile_banner_url", "profile_image_url", "protected", "public_metrics",
            "receives_your_dm", "subscription", "subscription_type", "url", "username", "verified",
            "verified_followers_count", "verified_type", "withheld");

    /**
     * One instance per distinct selection, so renderers can key their caches by identity and every
     * connection asking for the same fields shares them.
     */
    private static final Map<FieldSelection, FieldSelection> CANONICAL = new ConcurrentHashMap<>();

    boolean tweet(String field) {
        return tweetFields.contains(field);
    }

    boolean expansion(String expansion) {
        return expansions.contains(expansion);
    }

    boolean user(String field) {
        return userFields.contains(field);
    }

    /** Reads the selection from query parameters, or throws with X's 400 message for an unknown value. */
    static FieldSelection fromQuery(Map<String, String> query) {
        FieldSelection selection = new FieldSelection(
                parse(query, "tweet.fields", TWEET_FIELDS),
                parse(query, "expansions", EXPANSIONS),
                parse(query, "user.fields", USER_FIELDS));
        return CANONICAL.computeIfAbsent(selection, s -> s);
    }

    private static Set<String> parse(Map<String, String> query, String parameter, Set<String> allowed) {
        String raw = query.get(parameter);
        Set<String> values = new LinkedHashSet<>();
        if (raw == null) {
            return values;
        }
        for (String value : raw.split(",")) {
            String trimmed = value.trim();
            if (!allowed.contains(trimmed)) {
                throw new InvalidParameterException(parameter, raw, "The `" + parameter + "` query parameter value ["
                        + trimmed + "] is not one of " + new TreeSet<>(allowed));
            }
            values.add(trimmed);
        }
        return values;
    }

    /** A query parameter X would reject with 400 Invalid Request. */
    static final class InvalidParameterException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String parameter;
        final String value;

        InvalidParameterException(String parameter, String value, String message) {
            super(message);
            this.parameter = parameter;
            this.value = value;
        }
    }
}
