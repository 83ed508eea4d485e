package io.hybridpipe.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Token and TLS options against a secured NiFi Registry double: 401, 403, truststore, client certificate. */
class FlowRegistrySecurityTest {
    private static final String WRITER_TOKEN = "writer-token-1f2e";
    private static final String READER_TOKEN = "reader-token-9a8b";

    @TempDir
    Path work;

    @Test
    void withoutAnIdentityASecuredRegistryAnswers401() throws Exception {
        try (NiFiRegistryDouble registry = securedWithTokens()) {
            Path local = repo();
            CliRun run = run(registry, Map.of(), "push", local, "--comment", "v1");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
            assertThat(run.err()).contains("listing buckets failed: 401 Unauthorized").contains("--token-file");
        }
    }

    @Test
    void anUnknownTokenIs401AndAKnownOneFromFileOrEnvironmentWorks() throws Exception {
        try (NiFiRegistryDouble registry = securedWithTokens()) {
            Path local = repo();
            CliRun wrong = run(registry, Map.of(ConnectionOptions.TOKEN_ENV, "forged"), "push", local, "--comment", "v1");
            assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(4);
            assertThat(wrong.err()).contains("401 Unauthorized");

            Path tokenFile = Files.writeString(work.resolve("token"), WRITER_TOKEN + "\n");
            CliRun fromFile = run(registry, Map.of(), "push", local, "--comment", "v1", "--token-file", tokenFile.toString());
            assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
            assertThat(fromFile.out()).contains("pushed version 1");

            CliRun fromEnv = run(registry, Map.of(ConnectionOptions.TOKEN_ENV, READER_TOKEN), "list", local);
            assertThat(fromEnv.exitCode()).as(fromEnv.toString()).isZero();
            assertThat(fromEnv.out()).contains("tweets-sample").contains("by alice");
        }
    }

    @Test
    void aUserLogsInWithPasswordFromTheEnvironmentAndAWrongPasswordIs401() throws Exception {
        try (NiFiRegistryDouble registry = NiFiRegistryDouble.builder()
                .user("carol", "s3cret-pw", NiFiRegistryDouble.Access.READ_WRITE).start()) {
            Path local = repo();
            CliRun wrong = run(registry, Map.of("NIFI_REGISTRY_PASSWORD", "guess"), "push", local, "--comment", "v1",
                    "--username", "carol");
            assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(4);
            assertThat(wrong.err()).contains("logging in as 'carol' failed: 401 Unauthorized").doesNotContain("guess");

            CliRun noPassword = run(registry, Map.of(), "push", local, "--comment", "v1", "--username", "carol");
            assertThat(noPassword.exitCode()).as(noPassword.toString()).isEqualTo(5);
            assertThat(noPassword.err()).contains("NIFI_REGISTRY_PASSWORD, which is not set");

            CliRun right = run(registry, Map.of("NIFI_REGISTRY_PASSWORD", "s3cret-pw"), "push", local, "--comment", "v1",
                    "--username", "carol");
            assertThat(right.exitCode()).as(right.toString()).isZero();
            assertThat(run(registry, Map.of("NIFI_REGISTRY_PASSWORD", "s3cret-pw"), "list", local, "--username", "carol").out())
                    .contains("by carol");
        }
    }

    @Test
    void anIdentityWithoutWritePolicyIs403() throws Exception {
        try (NiFiRegistryDouble registry = securedWithTokens()) {
            Path local = repo();
            CliRun run = run(registry, Map.of(ConnectionOptions.TOKEN_ENV, READER_TOKEN), "push", local, "--comment", "v1");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
            assertThat(run.err()).contains("creating bucket 'hybridpipe' failed: 403 Forbidden").contains("policy");
        }
    }

    @Test
    void httpsNeedsTheTruststoreAndTwoWayTlsUsesTheClientCertificateAsIdentity() throws Exception {
        TestCertificates certs = TestCertificates.create(work.resolve("tls"));
        try (NiFiRegistryDouble registry = NiFiRegistryDouble.builder().https(certs.serverContext())
                .certificate(TestCertificates.CLIENT_SUBJECT, NiFiRegistryDouble.Access.READ_WRITE).start()) {
            assertThat(registry.url()).startsWith("https://");
            Path local = repo();
            Map<String, String> passwords = Map.of("NIFI_REGISTRY_TRUSTSTORE_PASSWORD", TestCertificates.PASSWORD,
                    "NIFI_REGISTRY_KEYSTORE_PASSWORD", TestCertificates.PASSWORD);

            CliRun untrusted = run(registry, passwords, "push", local, "--comment", "v1");
            assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(5);
            assertThat(untrusted.err()).contains("could not be reached").contains("--truststore");

            CliRun noPassword = run(registry, Map.of(), "push", local, "--comment", "v1",
                    "--truststore", certs.clientTruststore.toString());
            assertThat(noPassword.exitCode()).as(noPassword.toString()).isEqualTo(5);
            assertThat(noPassword.err()).contains("NIFI_REGISTRY_TRUSTSTORE_PASSWORD, which is not set");

            CliRun trusted = run(registry, passwords, "push", local, "--comment", "v1",
                    "--truststore", certs.clientTruststore.toString(), "--keystore", certs.clientKeystore.toString());
            assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
            assertThat(trusted.out()).contains("pushed version 1");

            CliRun list = run(registry, passwords, "list", local,
                    "--truststore", certs.clientTruststore.toString(), "--keystore", certs.clientKeystore.toString());
            assertThat(list.out()).as(list.toString()).contains("by " + TestCertificates.CLIENT_SUBJECT);
        }
    }

    @Test
    void theVersionCommentComesFromTheFilesLastGitCommit() throws Exception {
        Path local = repo();
        git(local, "init", "-q");
        git(local, "-c", "user.name=test", "-c", "user.email=test@example.com", "add", "tweets-sample.json");
        git(local, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "Sample flow for the registry test");
        try (NiFiRegistryDouble registry = NiFiRegistryDouble.startUnsecured()) {
            CliRun push = run(registry, Map.of(), "push", local);
            assertThat(push.exitCode()).as(push.toString()).isZero();
            CliRun list = run(registry, Map.of(), "list", local);
            assertThat(list.out()).as(list.toString()).containsPattern("git [0-9a-f]{7,} Sample flow for the registry test");

            SampleEdits.changeTopic(local.resolve("tweets-sample.json"), "tweets-v3");
            CliRun dirty = run(registry, Map.of(), "push", local);
            assertThat(dirty.exitCode()).as(dirty.toString()).isZero();
            assertThat(run(registry, Map.of(), "list", local).out()).contains("(plus uncommitted changes)");
        }
    }

    @Test
    void outsideGitWithoutCommentThePushSaysWhatToDo() throws Exception {
        Path local = repo();
        try (NiFiRegistryDouble registry = NiFiRegistryDouble.startUnsecured()) {
            CliRun push = run(registry, Map.of(), "push", local);
            assertThat(push.exitCode()).as(push.toString()).isEqualTo(5);
            assertThat(push.err()).contains("--comment");
        }
    }

    private NiFiRegistryDouble securedWithTokens() throws Exception {
        return NiFiRegistryDouble.builder()
                .token(WRITER_TOKEN, "alice", NiFiRegistryDouble.Access.READ_WRITE)
                .token(READER_TOKEN, "bob", NiFiRegistryDouble.Access.READ)
                .start();
    }

    private Path repo() throws Exception {
        Path local = work.resolve("repo");
        Fixtures.canonicalCopy(Fixtures.SAMPLE, local);
        return local;
    }

    private static CliRun run(NiFiRegistryDouble registry, Map<String, String> env, String command, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--url", registry.url(), "--dir", dir.toString()));
        args.addAll(List.of(more));
        return CliRun.run(env, args.toArray(new String[0]));
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("git " + String.join(" ", args) + ": " + output).isZero();
    }
}
