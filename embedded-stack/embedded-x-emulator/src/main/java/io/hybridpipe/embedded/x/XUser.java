package io.hybridpipe.embedded.x;

/** A user of the emulated network, as rendered in {@code includes.users}. {@code location} may be null. */
record XUser(String id, String username, String name, String location, String description, long createdAtMillis,
             int followersCount, int followingCount, int tweetCount, int listedCount, boolean verified,
             boolean isProtected) {
}
