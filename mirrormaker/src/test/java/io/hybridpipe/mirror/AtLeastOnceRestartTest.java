package io.hybridpipe.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same restarts and crash with local.properties as it is (exactly-once off): nothing lost, duplicates counted. */
class AtLeastOnceRestartTest {

    @RegisterExtension
    static final KafkaPairExtension KAFKA = new KafkaPairExtension(Map.of(RestartScenario.TOPIC, 3));





    @Test
    void nothingLostAcrossBrokerRestartMirrorMakerRestartAndCrash() throws Exception {
        List<ConsumerRecord<String, byte[]>> onAws = RestartScenario.run(KAFKA.clusters(), Map.of(), KAFKA.dataDir());

        long distinct = onAws.stream().map(KafkaTestClients::seq).distinct().count();
        System.out.printf("at-least-once: %d records on AWS for %d tweets: %d duplicates after restarts and a SIGKILL%n",
                onAws.size(), RestartScenario.TWEETS, onAws.size() - distinct);
        assertThat(distinct).as("nothing lost").isEqualTo(RestartScenario.TWEETS);
        assertThat(onAws.size()).isGreaterThanOrEqualTo(RestartScenario.TWEETS);
    }
}
