package io.hybridpipe.registry;

import org.apache.nifi.registry.bucket.Bucket;
import org.apache.nifi.registry.client.NiFiRegistryClient;
import org.apache.nifi.registry.client.NiFiRegistryException;
import org.apache.nifi.registry.client.RequestConfig;
import org.apache.nifi.registry.flow.VersionedFlow;
import org.apache.nifi.registry.flow.VersionedFlowSnapshot;
import org.apache.nifi.registry.flow.VersionedFlowSnapshotMetadata;
import org.apache.nifi.registry.revision.entity.RevisionInfo;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The Registry operations the flow-registry tool needs, over nifi-registry-client, each turning a
 * client error into a {@link RegistryFailure} that says what failed and why.
 */
public final class RegistryGateway implements Closeable {
    private final NiFiRegistryClient client;
    private final RequestConfig requestConfig;

    public RegistryGateway(NiFiRegistryClient client, RequestConfig requestConfig) {
        this.client = client;
        this.requestConfig = requestConfig;
    }

    public List<Bucket> buckets() throws RegistryFailure {
        return call("listing buckets", () -> client.getBucketClient(requestConfig).getAll());
    }

    public Optional<Bucket> bucketNamed(String name) throws RegistryFailure {
        return buckets().stream().filter(b -> name.equals(b.getName())).findFirst();
    }

    public Bucket createBucket(String name, String description) throws RegistryFailure {
        Bucket bucket = new Bucket();
        bucket.setName(name);
        bucket.setDescription(description);
        bucket.setRevision(new RevisionInfo(null, 0L));
        return call("creating bucket '" + name + "'", () -> client.getBucketClient(requestConfig).create(bucket));
    }

    public List<VersionedFlow> flows(Bucket bucket) throws RegistryFailure {
        return call("listing flows of bucket '" + bucket.getName() + "'",
                () -> client.getFlowClient(requestConfig).getByBucket(bucket.getIdentifier()));
    }

    public Optional<VersionedFlow> flowNamed(Bucket bucket, String name) throws RegistryFailure {
        return flows(bucket).stream().filter(f -> name.equals(f.getName())).findFirst();
    }

    public VersionedFlow createFlow(Bucket bucket, String name, String description) throws RegistryFailure {
        VersionedFlow flow = new VersionedFlow();
        flow.setName(name);
        flow.setDescription(description);
        flow.setBucketIdentifier(bucket.getIdentifier());
        flow.setRevision(new RevisionInfo(null, 0L));
        return call("creating flow '" + name + "' in bucket '" + bucket.getName() + "'",
                () -> client.getFlowClient(requestConfig).create(flow));
    }

    /** Versions newest first. */
    public List<VersionedFlowSnapshotMetadata> versions(VersionedFlow flow) throws RegistryFailure {
        return call("listing versions of flow '" + flow.getName() + "'",
                () -> client.getFlowSnapshotClient(requestConfig).getSnapshotMetadata(flow.getBucketIdentifier(), flow.getIdentifier()));
    }

    public VersionedFlowSnapshot version(VersionedFlow flow, int version) throws RegistryFailure {
        return call("reading version " + version + " of flow '" + flow.getName() + "'",
                () -> client.getFlowSnapshotClient(requestConfig).get(flow.getBucketIdentifier(), flow.getIdentifier(), version));
    }

    public VersionedFlowSnapshot latest(VersionedFlow flow) throws RegistryFailure {
        return call("reading the latest version of flow '" + flow.getName() + "'",
                () -> client.getFlowSnapshotClient(requestConfig).getLatest(flow.getBucketIdentifier(), flow.getIdentifier()));
    }

    /** Adds {@code version}; the Registry answers 409 when that is not one above its latest. */
    public VersionedFlowSnapshotMetadata addVersion(VersionedFlow flow, int version, VersionedFlowSnapshot content,
                                                    String comment) throws RegistryFailure {
        VersionedFlowSnapshotMetadata metadata = new VersionedFlowSnapshotMetadata();
        metadata.setBucketIdentifier(flow.getBucketIdentifier());
        metadata.setFlowIdentifier(flow.getIdentifier());
        metadata.setVersion(version);
        metadata.setComments(comment);
        content.setSnapshotMetadata(metadata);
        return call("adding version " + version + " of flow '" + flow.getName() + "'",
                () -> client.getFlowSnapshotClient(requestConfig).create(content).getSnapshotMetadata());
    }

    /** Exchanges a user name and password for a bearer token ({@code POST /access/token/login}). */
    static String login(NiFiRegistryClient client, String username, char[] password) throws RegistryFailure {
        return call("logging in as '" + username + "'",
                () -> client.getAccessClient().getToken(username, new String(password)));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private interface RegistryCall<T> {
        T run() throws NiFiRegistryException, IOException;
    }

    private static <T> T call(String action, RegistryCall<T> call) throws RegistryFailure {
        try {
            return call.run();
        } catch (NiFiRegistryException e) {
            throw RegistryFailure.of(action, e);
        } catch (IOException e) {
            throw RegistryFailure.of(action, e);
        } catch (javax.ws.rs.ProcessingException e) {
            throw RegistryFailure.of(action, e);
        }
    }
}
