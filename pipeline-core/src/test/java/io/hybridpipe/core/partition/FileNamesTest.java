package io.hybridpipe.core.partition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileNamesTest {
    private static final String SAFE = "[A-Za-z0-9][A-Za-z0-9._-]*";

    @Test
    void contentNameIsAFunctionOfTheContent() {
        byte[] a = "tweets batch A 😀".getBytes(StandardCharsets.UTF_8);
        byte[] b = "tweets batch B 😀".getBytes(StandardCharsets.UTF_8);
        String nameA = FileNames.forContent("tweets", FileNames.sha256(a), 0, "parquet");
        assertThat(FileNames.forContent("tweets", FileNames.sha256(a.clone()), 0, "parquet")).isEqualTo(nameA);
        assertThat(FileNames.forContent("tweets", FileNames.sha256(b), 0, "parquet")).isNotEqualTo(nameA);
        assertThat(FileNames.forContent("tweets", FileNames.sha256(a), 1, "parquet")).isNotEqualTo(nameA);
        assertThat(nameA).matches(SAFE).matches("tweets-[0-9a-f]{64}-00000\\.parquet");
    }

    @Test
    void sha256IsOfTheConcatenationAndMatchesAKnownVector() {
        assertThat(FileNames.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(FileNames.sha256Hex("a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(FileNames.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void offsetRangeNameSortsInOffsetOrder() {
        String first = FileNames.forOffsetRange("tweets", 3, 9, 10, "snappy.parquet");
        String second = FileNames.forOffsetRange("tweets", 3, 10, 100, "snappy.parquet");
        assertThat(first).isEqualTo("tweets-p3-00000000000000000009-00000000000000000010.snappy.parquet").matches(SAFE);
        assertThat(first.compareTo(second)).isNegative();
        assertThat(FileNames.forOffsetRange("tweets", 3, 9, 10, "snappy.parquet")).isEqualTo(first);
    }

    @Test
    void distinctRangesGiveDistinctNames() {
        Set<String> names = new HashSet<>();
        for (int p = 0; p < 4; p++) {
            for (long from = 0; from < 50; from++) {
                names.add(FileNames.forOffsetRange("onprem.tweets", p, from, from + 7, "parquet"));
            }
        }
        assertThat(names).hasSize(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_hidden", ".hidden", "a/b", "../up", "a b", "a:b", "tweets\u00e9"})
    void unsafeKindsAndTopicsAreRejected(String bad) {
        assertThatThrownBy(() -> FileNames.forContent(bad, new byte[32], 0, "parquet")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileNames.forOffsetRange(bad, 0, 0, 1, "parquet")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".parquet", "par/quet", "a.b.c", "parquet "})
    void unsafeExtensionsAreRejected(String bad) {
        assertThatThrownBy(() -> FileNames.forContent("tweets", new byte[32], 0, bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void argumentsAreValidated() {
        assertThatThrownBy(() -> FileNames.forContent("tweets", new byte[31], 0, "parquet")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileNames.forContent("tweets", new byte[32], -1, "parquet")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileNames.forOffsetRange("t", -1, 0, 1, "parquet")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileNames.forOffsetRange("t", 0, 5, 4, "parquet")).isInstanceOf(IllegalArgumentException.class);
    }
}
