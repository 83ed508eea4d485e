package io.hybridpipe.embedded.s3;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * S3Proxy in-process on a free loopback port, backed by jclouds' transient (in-memory) store.
 * The filesystem store makes S3A's directory-marker deletion hang for minutes (engines.md), and the
 * in-memory store leaves nothing behind. Buckets must be created here: S3A never creates them.
 */
public final class EmbeddedS3 implements AutoCloseable {

    public static final String REGION = "us-east-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final String accessKey;
    private final String secretKey;
    private BlobStoreContext blobStoreContext;
    private S3Proxy proxy;
    private URI endpoint;

    public EmbeddedS3() {
        this("hybridpipe-test-access", "hybridpipe-test-secret");
    }

    public EmbeddedS3(String accessKey, String secretKey) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
    }

    public synchronized EmbeddedS3 start() {
        if (proxy != null) {
            throw new IllegalStateException("S3Proxy already started at " + endpoint);
        }
        Properties overrides = new Properties();
        blobStoreContext = ContextBuilder.newBuilder("transient")
                .credentials("transient-identity", "transient-credential")
                .overrides(overrides)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(blobStoreContext.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
            awaitStarted();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        return this;
    }

    private void awaitStarted() throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("S3Proxy state after " + START_TIMEOUT + ": " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    public synchronized URI endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("S3Proxy is not started");
        }
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return REGION;
    }

    /**
     * A new SDK v2 client for this proxy; the caller closes it. Checksums are computed only when an
     * operation requires them: SDK >= 2.30 otherwise sends trailing checksums S3Proxy rejects with 400.
     */
    public S3Client newClient() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Creates the bucket; an existing bucket of ours is fine. */
    public void createBucket(String bucket) {
        try (S3Client s3 = newClient()) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // idempotent by contract: the bucket is what the caller asked for
            return;
        }
    }

    /**
     * Hadoop S3A settings (without the {@code spark.hadoop.} prefix) that reach this proxy. Marker
     * retention and no bucket probe avoid S3A's marker-deletion and probe round trips (engines.md).
     */
    public Map<String, String> s3aSettings() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("fs.s3a.endpoint", endpoint().toString());
        conf.put("fs.s3a.endpoint.region", REGION);
        conf.put("fs.s3a.path.style.access", "true");
        conf.put("fs.s3a.connection.ssl.enabled", "false");
        conf.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        conf.put("fs.s3a.access.key", accessKey);
        conf.put("fs.s3a.secret.key", secretKey);
        conf.put("fs.s3a.directory.marker.retention", "keep");
        conf.put("fs.s3a.bucket.probe", "0");
        conf.put("fs.s3a.change.detection.mode", "none");
        return conf;
    }

    public synchronized void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            proxy = null;
            endpoint = null;
            if (blobStoreContext != null) {
                blobStoreContext.close();
                blobStoreContext = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
