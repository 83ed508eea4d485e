package io.hybridpipe.spark.warehouse;

/** A load that failed for good; the message carries the warehouse's own diagnostic. */
public final class WarehouseLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WarehouseLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
