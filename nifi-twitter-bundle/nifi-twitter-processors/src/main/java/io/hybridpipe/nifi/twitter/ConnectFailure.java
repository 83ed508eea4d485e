package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.reconnect.FailureClass;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Why a connection (or a rules request) failed, classified for the reconnect policy. The message is
 * written for the NiFi user and never contains the bearer token.
 */
final class ConnectFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final FailureClass failureClass;
    private final int httpStatus;
    private final transient Optional<Instant> rateLimitReset;
    private final boolean needsUserAction;

    ConnectFailure(FailureClass failureClass, int httpStatus, Optional<Instant> rateLimitReset, String message) {
        this(failureClass, httpStatus, rateLimitReset, message, httpStatus == 400 || httpStatus == 401
                || httpStatus == 403 || httpStatus == 404 || httpStatus == 422);
    }

    private ConnectFailure(FailureClass failureClass, int httpStatus, Optional<Instant> rateLimitReset, String message,
                           boolean needsUserAction) {
        super(message);
        this.failureClass = failureClass;
        this.httpStatus = httpStatus;
        this.rateLimitReset = rateLimitReset;
        this.needsUserAction = needsUserAction;
    }

    /** X accepted the request but refused rules in it (invalid syntax, duplicates): the user must change them. */
    static ConnectFailure rulesRefused(String message) {
        return new ConnectFailure(FailureClass.HTTP, 200, Optional.empty(), message, true);
    }

    /** Retrying alone will not help: a property (token, rules, access level) has to change. */
    boolean needsUserAction() {
        return needsUserAction;
    }

    FailureClass failureClass() {
        return failureClass;
    }

    /** 0 when the failure was not an HTTP answer. */
    int httpStatus() {
        return httpStatus;
    }

    Optional<Instant> rateLimitReset() {
        return rateLimitReset;
    }

    static ConnectFailure network(String what, IOException e, Duration stallTimeout) {
        String cause = e instanceof SocketTimeoutException
                ? "no data and no keep-alive for " + stallTimeout.toSeconds() + " s (stalled stream)"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new ConnectFailure(FailureClass.NETWORK, 0, Optional.empty(), what + " failed: " + cause);
    }

    static ConnectFailure endOfStream(String detail) {
        return new ConnectFailure(FailureClass.NETWORK, 0, Optional.empty(), "X closed the stream" + detail);
    }

    /** Reads status, rate-limit headers and the start of the error body of a non-2xx answer. */
    static ConnectFailure fromResponse(String what, HttpConnection connection, Instant now) {
        HttpHead head = connection.head();
        int status = head.status();
        String body = XApiHttp.errorBody(connection.body());
        Optional<Instant> reset = head.headerAsLong("x-rate-limit-reset").map(Instant::ofEpochSecond);
        FailureClass failureClass = status == 429 ? FailureClass.RATE_LIMITED : FailureClass.HTTP;
        StringBuilder message = new StringBuilder(what).append(" answered HTTP ").append(status);
        if (!head.reason().isBlank()) {
            message.append(' ').append(head.reason());
        }
        message.append(hint(status));
        reset.ifPresent(r -> message.append("; rate limit resets at ").append(r)
                .append(" (in ").append(Math.max(0, Duration.between(now, r).toSeconds())).append(" s)"));
        if (!body.isEmpty()) {
            message.append("; body: ").append(body);
        }
        return new ConnectFailure(failureClass, status, reset, message.toString());
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> " (X rejected the bearer token: set 'Bearer Token' to the app's valid App-only Bearer Token)";
            case 403 -> " (the app's access level does not include this endpoint or parameter, e.g. backfill_minutes"
                    + " needs Enterprise access, or the app is not attached to a Project)";
            case 429 -> " (too many requests or connections: another client may be using this app's stream)";
            default -> status >= 500 ? " (X-side problem; retrying)" : "";
        };
    }
}
