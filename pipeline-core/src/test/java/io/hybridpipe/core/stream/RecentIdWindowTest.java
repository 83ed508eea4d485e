package io.hybridpipe.core.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentIdWindowTest {

    @Test
    void secondSightingWithinTheWindowIsADuplicate() {
        RecentIdWindow w = new RecentIdWindow(3);
        assertThat(w.firstSeen("1")).isTrue();
        assertThat(w.firstSeen("2")).isTrue();
        assertThat(w.firstSeen("1")).isFalse();
        assertThat(w.size()).isEqualTo(2);
    }

    @Test
    void oldestIdIsForgottenFirstAndRepeatsDoNotRefreshIt() {
        RecentIdWindow w = new RecentIdWindow(3);
        w.firstSeen("1");
        w.firstSeen("2");
        w.firstSeen("3");
        assertThat(w.firstSeen("1")).isFalse(); // a repeat: still the oldest
        assertThat(w.firstSeen("4")).isTrue();  // evicts "1"
        assertThat(w.size()).isEqualTo(3);
        assertThat(w.firstSeen("2")).isFalse();
        assertThat(w.firstSeen("1")).isTrue();  // forgotten, so new again; evicts "2"
        assertThat(w.firstSeen("2")).isTrue();
    }

    @Test
    void backfillReplayAfterReconnectIsRecognised() {
        RecentIdWindow w = new RecentIdWindow(10_000);
        for (int i = 0; i < 5000; i++) {
            assertThat(w.firstSeen("id" + i)).isTrue();
        }
        int duplicates = 0;
        for (int i = 4000; i < 6000; i++) {
            if (!w.firstSeen("id" + i)) {
                duplicates++;
            }
        }
        assertThat(duplicates).isEqualTo(1000);
    }

    @Test
    void rejectsANonPositiveCapacity() {
        assertThatThrownBy(() -> new RecentIdWindow(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
