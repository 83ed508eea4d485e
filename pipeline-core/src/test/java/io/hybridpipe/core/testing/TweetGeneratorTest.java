package io.hybridpipe.core.testing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TweetGeneratorTest {
    private static final long SEED = 20261128L;
    private static final int COUNT = 2000;

    static String digestOf(long seed, int count) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (GeneratedTweet g : new TweetGenerator(seed, Instant.EPOCH).next(count)) {
            sha.update(g.json().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Prints the digest of the generator's output, for the comparison across JVMs. */
    public static final class PrintDigest {
        public static void main(String[] args) throws NoSuchAlgorithmException {
            System.out.print(digestOf(Long.parseLong(args[0]), Integer.parseInt(args[1])));
        }
    }

    /** Another JVM (another hash seed for Map.of / Set.of) must generate the same bytes, or benchmark runs differ. */
    @Test
    void sameSeedGivesTheSameBytesInAnotherJvm() throws Exception {
        String here = digestOf(SEED, COUNT);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PrintDigest.class.getName(), Long.toString(SEED), Integer.toString(COUNT))
                .redirectErrorStream(true)
                .start();
        String there = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(there).isZero();
        assertThat(there).isEqualTo(here);
    }

    @Test
    void differentSeedsGiveDifferentTweets() throws NoSuchAlgorithmException {
        assertThat(digestOf(SEED, 200)).isNotEqualTo(digestOf(SEED + 1, 200));
    }
}
