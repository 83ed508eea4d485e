package io.hybridpipe.embedded.x;

import java.util.List;

/** The parsed form of a filtered-stream rule in the supported subset of X's rule language. */
sealed interface RuleNode {

    boolean matches(MatchableTweet tweet);

    /** A keyword ({@code cat}) or a quoted phrase ({@code "grumpy cat"}): consecutive text tokens. */
    record Terms(String written, List<String> tokens, boolean quoted) implements RuleNode {
        @Override
        public boolean matches(MatchableTweet tweet) {
            return TextTokens.containsSequence(tweet.textTokens(), tokens);
        }
    }

    /** {@code #tag}: a hashtag entity, compared case-insensitively, never the bare word. */
    record Hashtag(String tag) implements RuleNode {
        @Override
        public boolean matches(MatchableTweet tweet) {
            return tweet.hashtags().contains(tag);
        }
    }

    /** {@code @username}: a mention entity. */
    record Mention(String username) implements RuleNode {
        @Override
        public boolean matches(MatchableTweet tweet) {
            return tweet.mentionedUsernames().contains(username);
        }
    }

    /** {@code from:username} or {@code from:userid}. */
    record From(String user) implements RuleNode {
        @Override
        public boolean matches(MatchableTweet tweet) {
            return user.equals(tweet.authorUsername()) || user.equals(tweet.authorId());
        }
    }

    /** {@code lang:xx}: the post's {@code lang}. */
    record Lang(String code) implements RuleNode {
        @Override
        public boolean matches(MatchableTweet tweet) {
            return code.equals(tweet.lang());
        }
    }

    /** {@code -term}: negation of one operator. */
    record Not(RuleNode negated) implements RuleNode {
        @Override
        public boolean matches(MatchableTweet tweet) {
            return !negated.matches(tweet);
        }
    }

    /** Terms separated by spaces: all must match. */
    record And(List<RuleNode> parts) implements RuleNode {
        @Override
        public boolean matches(MatchableTweet tweet) {
            for (RuleNode part : parts) {
                if (!part.matches(tweet)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Clauses separated by {@code OR}: any may match. */
    record Or(List<RuleNode> alternatives) implements RuleNode {
        @Override
        public boolean matches(MatchableTweet tweet) {
            for (RuleNode alternative : alternatives) {
                if (alternative.matches(tweet)) {
                    return true;
                }
            }
            return false;
        }
    }
}
