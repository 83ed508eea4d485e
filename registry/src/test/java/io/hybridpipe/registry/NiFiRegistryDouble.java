package io.hybridpipe.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.apache.nifi.registry.flow.VersionedFlowSnapshot;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TEST DOUBLE of the NiFi Registry REST API (a real NiFi Registry server cannot be had on this
 * machine). It is a real HTTP(S) server on loopback implementing the bucket, flow and version
 * endpoints that nifi-registry-client 1.18.0 calls (and bucket deletion, which the opt-in
 * real-Registry test uses to clean up), with the Registry's documented answers:
 * username/password login for a bearer token, 401 without a known identity when secured, 403 for an identity without the policy, 404 for an
 * unknown bucket, flow or version, 409 for a duplicate name or a version that is not one above the
 * latest, 400 for a snapshot without metadata or contents.
 *
 * <p>Like the real Registry, it keeps a snapshot through the NiFi flow model, so components come
 * back in hash-set order and with the model's field order, not as they were sent.
 */
public final class NiFiRegistryDouble implements AutoCloseable {
    public enum Access { READ, READ_WRITE }

    private static final String API = "/nifi-registry-api";
    private static final Pattern BUCKETS = Pattern.compile(API + "/buckets/?");
    private static final Pattern BUCKET = Pattern.compile(API + "/buckets/([^/]+)/?");
    private static final Pattern FLOWS = Pattern.compile(API + "/buckets/([^/]+)/flows/?");
    private static final Pattern FLOW = Pattern.compile(API + "/buckets/([^/]+)/flows/([^/]+)/?");
    private static final Pattern VERSIONS = Pattern.compile(API + "/buckets/([^/]+)/flows/([^/]+)/versions/?");
    private static final Pattern VERSION = Pattern.compile(API + "/buckets/([^/]+)/flows/([^/]+)/versions/([^/]+?)(/metadata)?/?");

    private final ObjectMapper json = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Identity> tokens;
    private final Map<String, User> users;
    private final Map<String, Access> certificateSubjects;
    private final Map<String, BucketState> buckets = new LinkedHashMap<>();
    private final List<String> requestLog = new ArrayList<>();

    private NiFiRegistryDouble(Builder builder) throws IOException {
        this.tokens = new HashMap<>(builder.tokens);
        this.users = Map.copyOf(builder.users);
        this.certificateSubjects = Map.copyOf(builder.certificateSubjects);
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (builder.sslContext != null) {
            HttpsServer https = HttpsServer.create(address, 0);
            boolean needClientAuth = !certificateSubjects.isEmpty();
            https.setHttpsConfigurator(new HttpsConfigurator(builder.sslContext) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                    parameters.setNeedClientAuth(needClientAuth);
                    params.setSSLParameters(parameters);
                }
            });
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static NiFiRegistryDouble startUnsecured() throws IOException {
        return builder().start();
    }

    public String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** "METHOD path" of every request received, for tests that check what the tool asked. */
    public synchronized List<String> requests() {
        return List.copyOf(requestLog);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = route(exchange);
            } catch (IOException | RuntimeException e) {
                reply = Reply.text(500, "NiFi Registry double failed: " + e);
            }
            byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", reply.contentType);
            exchange.sendResponseHeaders(reply.status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private synchronized Reply route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requestLog.add(method + " " + path);
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!path.startsWith(API + "/")) {
            return Reply.text(404, "Not Found");
        }
        if ((API + "/access/token/login").equals(path)) {
            return "POST".equals(method) ? login(exchange) : methodNotAllowed();
        }
        Identity identity;
        if (tokens.isEmpty() && users.isEmpty() && certificateSubjects.isEmpty()) {
            identity = new Identity("anonymous", Access.READ_WRITE);
        } else {
            identity = authenticate(exchange);
            if (identity == null) {
                return Reply.text(401, "Unable to view the resource. Contact the system administrator. (not authenticated)");
            }
        }
        boolean write = !"GET".equals(method);
        if (write && identity.access != Access.READ_WRITE) {
            return Reply.text(403, "Unable to modify the resource. Contact the system administrator.");
        }
        Matcher m;
        if ((m = BUCKETS.matcher(path)).matches()) {
            return "GET".equals(method) ? listBuckets() : "POST".equals(method) ? createBucket(body) : methodNotAllowed();
        }
        if ((m = BUCKET.matcher(path)).matches()) {
            if ("DELETE".equals(method)) {
                return deleteBucket(m.group(1));
            }
            return "GET".equals(method) ? getBucket(m.group(1)) : methodNotAllowed();
        }
        if ((m = FLOWS.matcher(path)).matches()) {
            return "GET".equals(method) ? listFlows(m.group(1)) : "POST".equals(method) ? createFlow(m.group(1), body) : methodNotAllowed();
        }
        if ((m = FLOW.matcher(path)).matches()) {
            return "GET".equals(method) ? getFlow(m.group(1), m.group(2)) : methodNotAllowed();
        }
        if ((m = VERSIONS.matcher(path)).matches()) {
            if ("GET".equals(method)) {
                return listVersions(m.group(1), m.group(2));
            }
            return "POST".equals(method) ? createVersion(m.group(1), m.group(2), body, identity) : methodNotAllowed();
        }
        if ((m = VERSION.matcher(path)).matches()) {
            return "GET".equals(method) ? getVersion(m.group(1), m.group(2), m.group(3), m.group(4) != null) : methodNotAllowed();
        }
        return Reply.text(404, "Not Found");
    }

    private Identity authenticate(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return tokens.get(authorization.substring("Bearer ".length()));
        }
        if (exchange instanceof HttpsExchange) {
            try {
                X509Certificate peer = (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
                String subject = peer.getSubjectX500Principal().getName();
                Access access = certificateSubjects.get(subject);
                if (access == null) {
                    System.err.println("NiFi Registry double: certificate subject '" + subject + "' has no access");
                    return null;
                }
                return new Identity(subject, access);
            } catch (SSLPeerUnverifiedException e) {
                System.err.println("NiFi Registry double: no client certificate (" + e.getMessage() + ")");
                return null;
            }
        }
        return null;
    }

    /** The Registry's username/password login: HTTP Basic in, a bearer token out (201). */
    private Reply login(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return Reply.text(401, "The supplied client credentials are not valid.");
        }
        String decoded = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        User user = colon < 0 ? null : users.get(decoded.substring(0, colon));
        if (user == null || !user.password.equals(decoded.substring(colon + 1))) {
            return Reply.text(401, "The supplied username and password are not valid.");
        }
        String token = "login-" + UUID.randomUUID();
        tokens.put(token, new Identity(decoded.substring(0, colon), user.access));
        return new Reply(201, "text/plain", token);
    }

    private Reply listBuckets() throws IOException {
        List<ObjectNode> all = new ArrayList<>();
        buckets.values().forEach(b -> all.add(b.bucket));
        return Reply.json(json.writeValueAsString(all));
    }

    private Reply createBucket(byte[] body) throws IOException {
        JsonNode request = json.readTree(body);
        String name = request.path("name").asText("");
        if (name.isBlank()) {
            return Reply.text(400, "Bucket name cannot be blank");
        }
        if (buckets.values().stream().anyMatch(b -> b.bucket.path("name").asText().equalsIgnoreCase(name))) {
            return Reply.text(409, "A bucket with the same name already exists");
        }
        ObjectNode bucket = json.createObjectNode();
        String id = UUID.randomUUID().toString();
        bucket.put("identifier", id).put("name", name).put("createdTimestamp", System.currentTimeMillis());
        if (request.hasNonNull("description")) {
            bucket.put("description", request.get("description").asText());
        }
        bucket.putObject("revision").put("version", 0);
        buckets.put(id, new BucketState(bucket));
        return Reply.json(json.writeValueAsString(bucket));
    }

    private Reply getBucket(String bucketId) throws IOException {
        BucketState bucket = buckets.get(bucketId);
        return bucket == null ? bucketNotFound() : Reply.json(json.writeValueAsString(bucket.bucket));
    }

    private Reply deleteBucket(String bucketId) throws IOException {
        BucketState bucket = buckets.remove(bucketId);
        return bucket == null ? bucketNotFound() : Reply.json(json.writeValueAsString(bucket.bucket));
    }

    private Reply listFlows(String bucketId) throws IOException {
        BucketState bucket = buckets.get(bucketId);
        if (bucket == null) {
            return bucketNotFound();
        }
        List<ObjectNode> all = new ArrayList<>();
        bucket.flows.values().forEach(f -> all.add(f.describe()));
        return Reply.json(json.writeValueAsString(all));
    }

    private Reply createFlow(String bucketId, byte[] body) throws IOException {
        BucketState bucket = buckets.get(bucketId);
        if (bucket == null) {
            return bucketNotFound();
        }
        JsonNode request = json.readTree(body);
        String name = request.path("name").asText("");
        if (name.isBlank()) {
            return Reply.text(400, "Versioned flow name cannot be blank");
        }
        if (bucket.flows.values().stream().anyMatch(f -> f.flow.path("name").asText().equalsIgnoreCase(name))) {
            return Reply.text(409, "A versioned flow with the same name already exists in the selected bucket");
        }
        ObjectNode flow = json.createObjectNode();
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        flow.put("identifier", id).put("name", name).put("bucketIdentifier", bucketId)
                .put("bucketName", bucket.bucket.path("name").asText())
                .put("createdTimestamp", now).put("modifiedTimestamp", now).put("type", "Flow");
        if (request.hasNonNull("description")) {
            flow.put("description", request.get("description").asText());
        }
        flow.putObject("revision").put("version", 0);
        FlowState state = new FlowState(flow);
        bucket.flows.put(id, state);
        return Reply.json(json.writeValueAsString(state.describe()));
    }

    private Reply getFlow(String bucketId, String flowId) throws IOException {
        FlowState flow = flow(bucketId, flowId);
        return flow == null ? flowNotFound(bucketId) : Reply.json(json.writeValueAsString(flow.describe()));
    }

    private Reply listVersions(String bucketId, String flowId) throws IOException {
        FlowState flow = flow(bucketId, flowId);
        if (flow == null) {
            return flowNotFound(bucketId);
        }
        List<ObjectNode> newestFirst = new ArrayList<>();
        flow.versions.forEach(v -> newestFirst.add(v.metadata));
        newestFirst.sort(Comparator.comparingInt((ObjectNode n) -> n.get("version").asInt()).reversed());
        return Reply.json(json.writeValueAsString(newestFirst));
    }

    private Reply createVersion(String bucketId, String flowId, byte[] body, Identity identity) throws IOException {
        FlowState flow = flow(bucketId, flowId);
        if (flow == null) {
            return flowNotFound(bucketId);
        }
        VersionedFlowSnapshot snapshot = json.readValue(body, VersionedFlowSnapshot.class);
        if (snapshot.getSnapshotMetadata() == null || snapshot.getFlowContents() == null) {
            return Reply.text(400, "Cannot create versioned flow snapshot: snapshotMetadata and flowContents are required");
        }
        int requested = snapshot.getSnapshotMetadata().getVersion();
        int last = flow.versions.size();
        if (requested == -1) {
            requested = last + 1;
        } else if (requested <= last) {
            return Reply.text(409, "A Versioned flow snapshot with the same version already exists: " + requested);
        } else if (requested > last + 1) {
            return Reply.text(409, "Version must be a one-up number, last version was " + last
                    + " and version for this snapshot was " + requested);
        }
        ObjectNode metadata = json.createObjectNode();
        metadata.put("bucketIdentifier", bucketId).put("flowIdentifier", flowId).put("version", requested)
                .put("timestamp", System.currentTimeMillis()).put("author", identity.name);
        if (snapshot.getSnapshotMetadata().getComments() != null) {
            metadata.put("comments", snapshot.getSnapshotMetadata().getComments());
        }
        snapshot.setSnapshotMetadata(null);
        snapshot.setBucket(null);
        snapshot.setFlow(null);
        flow.versions.add(new StoredVersion(metadata, json.writeValueAsBytes(snapshot)));
        flow.flow.put("modifiedTimestamp", System.currentTimeMillis());
        return snapshotReply(bucketId, flow, flow.versions.size());
    }

    private Reply getVersion(String bucketId, String flowId, String version, boolean metadataOnly) throws IOException {
        FlowState flow = flow(bucketId, flowId);
        if (flow == null) {
            return flowNotFound(bucketId);
        }
        int number;
        if ("latest".equals(version)) {
            number = flow.versions.size();
            if (number == 0) {
                return Reply.text(404, "The specified flow ID has no versions");
            }
        } else {
            try {
                number = Integer.parseInt(version);
            } catch (NumberFormatException e) {
                return Reply.text(404, "Not Found");
            }
        }
        if (number < 1 || number > flow.versions.size()) {
            return Reply.text(404, "The specified versioned flow snapshot does not exist for this flow.");
        }
        if (metadataOnly) {
            return Reply.json(json.writeValueAsString(flow.versions.get(number - 1).metadata));
        }
        return snapshotReply(bucketId, flow, number);
    }

    /** The stored content re-read through the flow model, as the real Registry's persistence does. */
    private Reply snapshotReply(String bucketId, FlowState flow, int number) throws IOException {
        StoredVersion stored = flow.versions.get(number - 1);
        ObjectNode snapshot = (ObjectNode) json.valueToTree(json.readValue(stored.content, VersionedFlowSnapshot.class));
        snapshot.set("snapshotMetadata", stored.metadata);
        snapshot.set("bucket", buckets.get(bucketId).bucket);
        snapshot.set("flow", flow.describe());
        snapshot.put("latest", number == flow.versions.size());
        return Reply.json(json.writeValueAsString(snapshot));
    }

    private FlowState flow(String bucketId, String flowId) {
        BucketState bucket = buckets.get(bucketId);
        return bucket == null ? null : bucket.flows.get(flowId);
    }

    private Reply bucketNotFound() {
        return Reply.text(404, "The specified bucket ID does not exist in this registry.");
    }

    private Reply flowNotFound(String bucketId) {
        return buckets.containsKey(bucketId) ? Reply.text(404, "The specified flow ID does not exist in this bucket.") : bucketNotFound();
    }

    private static Reply methodNotAllowed() {
        return Reply.text(405, "Method Not Allowed");
    }

    private record Identity(String name, Access access) {
    }

    private static final class BucketState {
        final ObjectNode bucket;
        final Map<String, FlowState> flows = new LinkedHashMap<>();

        BucketState(ObjectNode bucket) {
            this.bucket = bucket;
        }
    }

    private static final class FlowState {
        final ObjectNode flow;
        final List<StoredVersion> versions = new ArrayList<>();

        FlowState(ObjectNode flow) {
            this.flow = flow;
        }

        ObjectNode describe() {
            ObjectNode copy = flow.deepCopy();
            copy.put("versionCount", versions.size());
            return copy;
        }
    }

    private record User(String password, Access access) {
    }

    private record StoredVersion(ObjectNode metadata, byte[] content) {
    }

    private record Reply(int status, String contentType, String body) {
        static Reply json(String body) {
            return new Reply(200, "application/json", body);
        }

        static Reply text(int status, String body) {
            return new Reply(status, "text/plain", body);
        }
    }

    /** Configures security: bearer tokens, HTTPS, client certificates. */
    public static final class Builder {
        private final Map<String, Identity> tokens = new HashMap<>();
        private final Map<String, User> users = new HashMap<>();
        private final Map<String, Access> certificateSubjects = new HashMap<>();
        private SSLContext sslContext;

        public Builder token(String token, String identity, Access access) {
            tokens.put(token, new Identity(identity, access));
            return this;
        }

        /** A user of the login identity provider, who gets a token from {@code /access/token/login}. */
        public Builder user(String name, String password, Access access) {
            users.put(name, new User(password, access));
            return this;
        }

        public Builder https(SSLContext serverContext) {
            this.sslContext = serverContext;
            return this;
        }

        /** Requires a client certificate; {@code subject} as RFC 2253 (e.g. "CN=flow-registry,OU=test"). */
        public Builder certificate(String subject, Access access) {
            certificateSubjects.put(subject, access);
            return this;
        }

        public NiFiRegistryDouble start() throws IOException {
            return new NiFiRegistryDouble(this);
        }
    }
}
