package io.hybridpipe.embedded.x;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Reads one request per connection, authenticates it, logs it and hands it to the endpoint it names. */
final class XApiRouter implements LoopbackHttpServer.ConnectionHandler {

    /** How streams behave: buffer limit, keep-alive interval, connection limit (0 = none). */
    record StreamSettings(long slowReaderLimitBytes, long keepAliveNanos, int maxConnections,
                          int connectionsPer15Minutes) {
    }

    private final byte[] expectedAuthorization;
    private final Clock clock;
    private final ConnectionLog log;
    private final ConnectionRejections rejections;
    private final RulesEndpoint rulesEndpoint;
    private final StreamHub hub;
    private final SentTweetLog sentLog;
    private final DisconnectBudget budget;
    private final StreamSettings settings;
    private final ConnectionRateLimit rateLimit;

    XApiRouter(String bearerToken, Clock clock, ConnectionLog log, ConnectionRejections rejections,
               RulesEndpoint rulesEndpoint, StreamHub hub, SentTweetLog sentLog, DisconnectBudget budget,
               StreamSettings settings) {
        this.expectedAuthorization = ("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.log = log;
        this.rejections = rejections;
        this.rulesEndpoint = rulesEndpoint;
        this.hub = hub;
        this.sentLog = sentLog;
        this.budget = budget;
        this.settings = settings;
        this.rateLimit = new ConnectionRateLimit(settings.connectionsPer15Minutes());
    }

    @Override
    public void handle(Socket socket) throws IOException {
        Instant at = clock.instant();
        OutputStream out = socket.getOutputStream();
        HttpRequest request;
        try {
            request = new HttpRequestReader(new BufferedInputStream(socket.getInputStream()), out).read();
        } catch (HttpRequestReader.MalformedRequestException e) {
            log.record(new ConnectionAttempt(at, "(malformed)", 400));
            HttpResponses.write(out, 400, Map.of(), XProblems.invalidRequest(null, null, e.getMessage()));
            return;
        }
        if (request == null) {
            return;
        }
        if (!authorized(request)) {
            answer(out, at, request, 401, Map.of(), XProblems.unauthorized());
            return;
        }
        String path = request.path();
        if (path.equals(RulesEndpoint.PATH)) {
            RulesEndpoint.Reply reply;
            if (request.method().equals("GET")) {
                reply = rulesEndpoint.list(request.query());
            } else if (request.method().equals("POST")) {
                reply = rulesEndpoint.change(request.query(), request.bodyAsString());
            } else {
                reply = new RulesEndpoint.Reply(405, XProblems.methodNotAllowed(request.method(), path));
            }
            answer(out, at, request, reply.status(), Map.of(), reply.body());
            return;
        }
        StreamKind kind = path.equals(StreamKind.FILTERED.path()) ? StreamKind.FILTERED
                : path.equals(StreamKind.SAMPLE.path()) ? StreamKind.SAMPLE : null;
        if (kind == null) {
            answer(out, at, request, 404, Map.of(), XProblems.notFound(path));
        } else if (!request.method().equals("GET")) {
            answer(out, at, request, 405, Map.of(), XProblems.methodNotAllowed(request.method(), path));
        } else {
            openStream(socket, out, at, request, kind);
        }
    }

    private void openStream(Socket socket, OutputStream out, Instant at, HttpRequest request, StreamKind kind)
            throws IOException {
        ConnectionRejections.Rejection rejection = rejections.next();
        if (rejection != null) {
            answer(out, at, request, rejection.status(), rejection.headers(), rejection.body());
            return;
        }
        ConnectionRateLimit.Verdict limit = rateLimit.attempt(request.path(), at.toEpochMilli());
        if (!limit.allowed()) {
            answer(out, at, request, 429, limit.headers(), XProblems.rateLimitExceeded());
            return;
        }
        FieldSelection fields;
        int backfillMinutes;
        try {
            fields = FieldSelection.fromQuery(request.query());
            backfillMinutes = backfillMinutes(request.query().get("backfill_minutes"));
        } catch (FieldSelection.InvalidParameterException e) {
            answer(out, at, request, 400, limit.headers(), XProblems.invalidRequest(e.parameter, e.value, e.getMessage()));
            return;
        }
        if (settings.maxConnections() > 0 && hub.connections().size() >= settings.maxConnections()) {
            answer(out, at, request, 429, limit.headers(), XProblems.tooManyConnections());
            return;
        }
        log.record(new ConnectionAttempt(at, request.path(), 200));
        StreamConnection connection = new StreamConnection(socket, kind, fields, settings.slowReaderLimitBytes(),
                settings.keepAliveNanos(), sentLog, budget, hub::unregister, hub::ended);
        Iterable<Outgoing> backfill = hub.register(connection, backfillMinutes);
        connection.serve(HttpResponses.streamHead(limit.headers()), backfill);
    }

    private static int backfillMinutes(String raw) {
        if (raw == null) {
            return 0;
        }
        int minutes;
        try {
            minutes = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        if (minutes < 0 || minutes > 5) {
            throw new FieldSelection.InvalidParameterException("backfill_minutes", raw,
                    "The `backfill_minutes` query parameter value [" + raw + "] is not between 0 and 5");
        }
        return minutes;
    }

    private void answer(OutputStream out, Instant at, HttpRequest request, int status, Map<String, String> headers,
                        String body) throws IOException {
        log.record(new ConnectionAttempt(at, request.path(), status));
        HttpResponses.write(out, status, headers, body);
    }

    /** Constant-time comparison, so the emulator is not a token oracle even by accident. */
    private boolean authorized(HttpRequest request) {
        String header = request.header("authorization");
        return header != null && MessageDigest.isEqual(expectedAuthorization, header.getBytes(StandardCharsets.UTF_8));
    }
}
