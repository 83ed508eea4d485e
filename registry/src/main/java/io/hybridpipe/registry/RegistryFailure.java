package io.hybridpipe.registry;

import org.apache.nifi.registry.client.NiFiRegistryException;

import javax.ws.rs.WebApplicationException;
import java.io.IOException;

/**
 * A Registry call that failed, with a message that says what to do about it. {@link #status()} is
 * the HTTP status the Registry answered, or 0 when no answer came (connection, TLS).
 */
public final class RegistryFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    private RegistryFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static RegistryFailure of(String action, NiFiRegistryException e) {
        int status = statusOf(e);
        return new RegistryFailure(status, action + " failed: " + explain(status, registryMessage(e)), e);
    }

    static RegistryFailure of(String action, IOException e) {
        return new RegistryFailure(0, action + " failed: the Registry could not be reached (" + e.getMessage()
                + "); check --url, and --truststore for an https Registry", e);
    }

    static RegistryFailure of(String action, RuntimeException e) {
        return new RegistryFailure(0, action + " failed: " + e.getMessage(), e);
    }

    /** A bucket or flow looked up by name that the Registry does not have. */
    static RegistryFailure notFound(String what) {
        return new RegistryFailure(404, explain(404, what), null);
    }

    private static String explain(int status, String detail) {
        switch (status) {
            case 401:
                return "401 Unauthorized: the Registry requires a valid identity. Give a token (--token-file or"
                        + " NIFI_REGISTRY_TOKEN), or a client certificate (--keystore). Registry said: " + detail;
            case 403:
                return "403 Forbidden: this identity lacks the Registry policy for this action (read or write on the"
                        + " bucket, or 'can manage buckets' to create one). Registry said: " + detail;
            case 404:
                return "404 Not Found: " + detail;
            case 409:
                return "409 Conflict: the Registry changed since it was read (another version or an item of the same"
                        + " name was added meanwhile). Run the command again. Registry said: " + detail;
            default:
                return (status > 0 ? "HTTP " + status + ": " : "") + detail;
        }
    }

    private static int statusOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException) {
                return ((WebApplicationException) t).getResponse().getStatus();
            }
        }
        return 0;
    }

    /** The client puts the Registry's response body after the first ": " of its message. */
    private static String registryMessage(NiFiRegistryException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int colon = message.indexOf(": ");
        String body = colon >= 0 ? message.substring(colon + 2).trim() : message;
        return body.isEmpty() ? "(no message)" : body;
    }
}
