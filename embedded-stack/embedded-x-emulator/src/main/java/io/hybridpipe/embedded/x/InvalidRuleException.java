package io.hybridpipe.embedded.x;

/** A rule outside the supported subset or malformed; the message is the {@code details} entry X returns. */
final class InvalidRuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidRuleException(String detail) {
        super(detail);
    }
}
