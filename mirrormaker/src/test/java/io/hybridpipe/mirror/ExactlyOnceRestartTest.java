package io.hybridpipe.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.hybridpipe.mirror.check.CheckReport;
import io.hybridpipe.mirror.check.CheckSettings;
import io.hybridpipe.mirror.check.MirrorCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MirrorMaker 2 exactly-once (dedicated mode + internal REST, as in the production template) through restarts and a crash. */
class ExactlyOnceRestartTest {

    @RegisterExtension
    static final KafkaPairExtension KAFKA = new KafkaPairExtension(Map.of(RestartScenario.TOPIC, 3));

    static final Map<String, String> EXACTLY_ONCE = Map.of(
            "dedicated.mode.enable.internal.rest", "true",
            "listeners", "http://127.0.0.1:0",
            "aws.exactly.once.source.support", "enabled");





    @Test
    void nothingLostAndNoDuplicatesAcrossBrokerRestartMirrorMakerRestartAndCrash() throws Exception {
        List<ConsumerRecord<String, byte[]>> onAws = RestartScenario.run(KAFKA.clusters(), EXACTLY_ONCE, KAFKA.dataDir());

        long distinct = onAws.stream().map(KafkaTestClients::seq).distinct().count();
        assertThat(distinct).as("nothing lost").isEqualTo(RestartScenario.TWEETS);
        assertThat(onAws).as("no duplicates").hasSize(RestartScenario.TWEETS);
        try (Admin admin = KAFKA.clusters().aws().admin()) {
            assertThat(admin.listTransactions().all().get(30, TimeUnit.SECONDS))
                    .extracting(TransactionListing::transactionalId)
                    .as("MirrorMaker wrote through transactions")
                    .anyMatch(id -> id.contains("MirrorSourceConnector"));
        }
        CheckReport report = new MirrorCheck(Mm2TestConfigs.local(KAFKA.clusters(), EXACTLY_ONCE), new CheckSettings(
                Pattern.compile(RestartScenario.TOPIC), List.of(), 200, 0, -1, -1, true, Duration.ofSeconds(60))).run();
        assertThat(report.inSync()).as(report.toString()).isTrue();
        assertThat(report.targetRecords()).isEqualTo(RestartScenario.TWEETS);
    }
}
