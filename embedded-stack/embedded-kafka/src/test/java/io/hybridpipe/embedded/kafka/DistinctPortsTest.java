package io.hybridpipe.embedded.kafka;

import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistinctPortsTest {

    @Test
    void aPortGivenTwiceIsAskedAgainSoTheListenersNeverShareOne() {
        Iterator<Integer> offered = List.of(34843, 34843, 34843, 40001, 40002).iterator();

        assertThat(EmbeddedKafkaCluster.distinctPorts(3, offered::next)).containsExactly(34843, 40001, 40002);
    }

    @Test
    void givesUpWithAClearErrorWhenTheSystemKeepsGivingTheSamePort() {
        assertThatThrownBy(() -> EmbeddedKafkaCluster.distinctPorts(2, () -> 34843))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no 2 different free TCP ports");
    }
}
