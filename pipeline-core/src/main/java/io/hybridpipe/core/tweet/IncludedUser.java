package io.hybridpipe.core.tweet;

/** One entry of {@code includes.users}, as far as the canonical record needs it. */
final class IncludedUser {
    String id;
    String username;
    String name;
    String location;
    String description;
    Long followersCount;
    Long followingCount;
    Long tweetCount;
}
