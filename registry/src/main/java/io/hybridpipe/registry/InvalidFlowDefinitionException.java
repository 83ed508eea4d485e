package io.hybridpipe.registry;

import java.nio.file.Path;

/** A file that is not a NiFi flow definition HybridPipe can version: the message says which file and why. */
public final class InvalidFlowDefinitionException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidFlowDefinitionException(Path file, String reason) {
        super(file + " is not a valid NiFi flow definition: " + reason);
    }

    /** For a message that speaks of several files at once. */
    InvalidFlowDefinitionException(String message) {
        super(message);
    }

    public InvalidFlowDefinitionException(Path file, String reason, Throwable cause) {
        super(file + " is not a valid NiFi flow definition: " + reason, cause);
    }
}
