package io.hybridpipe.core.tweet;

/** A stream message that cannot become a {@link CanonicalTweet}; {@link #reason()} says why, for the failure path. */
public final class InvalidTweetException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public InvalidTweetException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public InvalidTweetException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
