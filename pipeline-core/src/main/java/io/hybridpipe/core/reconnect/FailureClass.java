package io.hybridpipe.core.reconnect;

/** X's three reconnect back-off classes. */
public enum FailureClass {
    /** TCP/IP level: connect refused, reset, read timeout, stall. */
    NETWORK,
    /** An HTTP error status other than 429. */
    HTTP,
    /** HTTP 429 Too Many Requests. */
    RATE_LIMITED
}
