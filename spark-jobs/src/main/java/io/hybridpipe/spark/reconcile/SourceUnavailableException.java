package io.hybridpipe.spark.reconcile;

/** A source or target the run needs cannot be reached or read (exit code 2), with the reason. */
public final class SourceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
