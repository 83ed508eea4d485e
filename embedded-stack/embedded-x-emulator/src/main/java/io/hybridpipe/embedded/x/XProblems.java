package io.hybridpipe.embedded.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The error bodies X v2 sends, as JSON text, in the shapes of the contract note ({@code notes/x-api-v2.md}). */
final class XProblems {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private XProblems() {
    }

    static String unauthorized() {
        ObjectNode body = MAPPER.createObjectNode()
                .put("title", "Unauthorized")
                .put("type", "about:blank")
                .put("status", 401)
                .put("detail", "Unauthorized");
        return text(body);
    }

    /** The 400 X answers for a bad query parameter or request body. */
    static String invalidRequest(String parameter, String value, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode error = body.putArray("errors").addObject();
        ObjectNode parameters = error.putObject("parameters");
        if (parameter != null) {
            parameters.putArray(parameter).add(value);
        }
        error.put("message", message);
        body.put("title", "Invalid Request")
                .put("detail", "One or more parameters to your request was invalid.")
                .put("type", "https://api.x.com/2/problems/invalid-request");
        return text(body);
    }

    static String notFound(String path) {
        return text(MAPPER.createObjectNode()
                .put("title", "Not Found Error")
                .put("detail", "Sorry, the requested resource " + path + " does not exist.")
                .put("type", "https://api.x.com/2/problems/resource-not-found"));
    }

    static String methodNotAllowed(String method, String path) {
        return text(MAPPER.createObjectNode()
                .put("title", "Method Not Allowed")
                .put("detail", method + " is not supported on " + path)
                .put("type", "about:blank")
                .put("status", 405));
    }

    static String rateLimitExceeded() {
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("errors").addObject().put("code", 88).put("message", "Rate limit exceeded");
        return text(body);
    }

    static String serviceUnavailable() {
        return text(MAPPER.createObjectNode()
                .put("title", "Service Unavailable")
                .put("detail", "Service Unavailable")
                .put("type", "about:blank")
                .put("status", 503));
    }

    /** The body X sends for a status given to {@code rejectNextConnections} without a body of its own. */
    static String forStatus(int status) {
        switch (status) {
            case 401: return unauthorized();
            case 429: return rateLimitExceeded();
            case 503: return serviceUnavailable();
            default:
                return text(MAPPER.createObjectNode()
                        .put("title", HttpResponses.reason(status))
                        .put("detail", HttpResponses.reason(status))
                        .put("type", "about:blank")
                        .put("status", status));
        }
    }

    /** The error object X writes into an open stream before it closes it for maintenance. */
    static String operationalDisconnect() {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode errors = body.putArray("errors");
        errors.addObject()
                .put("title", "operational-disconnect")
                .put("disconnect_type", "UpstreamOperationalDisconnect")
                .put("detail", "This stream has been disconnected upstream for operational reasons.")
                .put("type", "https://api.x.com/2/problems/operational-disconnect");
        return text(body);
    }

    /** The TooManyConnections problem, used both in an open stream and as a 429 body at connect. */
    static String tooManyConnections() {
        return text(MAPPER.createObjectNode()
                .put("title", "ConnectionException")
                .put("detail", "This stream is currently at the maximum allowed connection limit.")
                .put("connection_issue", "TooManyConnections")
                .put("type", "https://api.x.com/2/problems/streaming-connection"));
    }

    static String text(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + node, e);
        }
    }
}
