package io.hybridpipe.embedded.x;

import java.util.List;
import java.util.Set;

/** What the rule operators of the supported subset look at in a post. All strings are lower-cased. */
interface MatchableTweet {

    /** The text split into tokens by {@link TextTokens#of(String)}. */
    List<String> textTokens();

    Set<String> hashtags();

    Set<String> mentionedUsernames();

    String authorId();

    String authorUsername();

    String lang();
}
