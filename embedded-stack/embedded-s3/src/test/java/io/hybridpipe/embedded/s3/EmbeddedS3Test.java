package io.hybridpipe.embedded.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class EmbeddedS3Test {

    private static final EmbeddedS3 S3 = new EmbeddedS3();

    @BeforeAll
    static void start() {
        S3.start();
    }

    @AfterAll
    static void stop() {
        S3.stop();
    }

    @Test
    void putGetListRoundTripThroughTheSdk() {
        S3.createBucket("round-trip");
        S3.createBucket("round-trip"); // idempotent
        try (S3Client s3 = S3.newClient()) {
            s3.putObject(b -> b.bucket("round-trip").key("dt=2026-11-28/hr=07/a.parquet"),
                    RequestBody.fromString("hello", StandardCharsets.UTF_8));
            s3.putObject(b -> b.bucket("round-trip").key("dt=2026-11-28/hr=08/b.parquet"),
                    RequestBody.fromString("world", StandardCharsets.UTF_8));

            String body = s3.getObjectAsBytes(b -> b.bucket("round-trip").key("dt=2026-11-28/hr=07/a.parquet"))
                    .asUtf8String();
            List<String> keys = s3.listObjectsV2(b -> b.bucket("round-trip").prefix("dt=2026-11-28/"))
                    .contents().stream().map(S3Object::key).toList();

            assertThat(body).isEqualTo("hello");
            assertThat(keys).containsExactly("dt=2026-11-28/hr=07/a.parquet", "dt=2026-11-28/hr=08/b.parquet");
        }
    }

    @Test
    void wrongSecretIsRejected() {
        S3.createBucket("guarded");
        try (S3Client intruder = S3Client.builder()
                .endpointOverride(S3.endpoint())
                .region(Region.of(S3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3.accessKey(), "not-the-secret")))
                .build()) {
            assertThatThrownBy(() -> intruder.listObjectsV2(b -> b.bucket("guarded")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void s3aSettingsPointAtThisProxy() {
        assertThat(S3.s3aSettings())
                .containsEntry("fs.s3a.endpoint", S3.endpoint().toString())
                .containsEntry("fs.s3a.directory.marker.retention", "keep")
                .containsEntry("fs.s3a.path.style.access", "true");
        assertThat(S3.endpoint().getPort()).isPositive();
    }
}
