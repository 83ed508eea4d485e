package io.hybridpipe.local.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.hybridpipe.embedded.kafka.EmbeddedKafkaCluster;
import io.hybridpipe.embedded.x.XApiEmulator;
import io.hybridpipe.local.pipeline.ChildJvm;

/**
 * What {@code --chaos} does during the emission window, spread over it: stall the X stream, crash and restart
 * MirrorMaker 2 (SIGKILL), cut the X stream mid-line, crash and restart the Spark job (SIGKILL), stop and restart the
 * {@code aws} Kafka broker on its port and log directory, crash kafka-to-hive's NiFi engine (SIGKILL; the stack starts
 * a new one). Each entry runs at its fraction of the window (later if the one before took longer).
 */
public final class ChaosSchedule {

    /** An action due at {@code fraction} of the emission window. */
    public record Entry(double fraction, String name, ChaosAction action) {
    }

    private static final Duration STALL = Duration.ofSeconds(3);

    private final List<Entry> entries = new ArrayList<>();

    public static ChaosSchedule standard(XApiEmulator x, ChildJvm mirrorMaker, ChildJvm sparkJob, EmbeddedKafkaCluster broker,
                                         ChaosAction killHiveLandingEngine) {
        ChaosSchedule schedule = new ChaosSchedule();
        schedule.add(0.10, "stall the X stream for " + STALL.toSeconds() + " s", () -> {
            x.faults().stall(STALL);
            return "open streams silent for " + STALL.toSeconds() + " s";
        });
        schedule.add(0.20, "restart MirrorMaker 2 (kill -9, start)", () -> restart(mirrorMaker));
        schedule.add(0.35, "disconnect the X stream mid-stream", () -> {
            int before = x.connectionAttempts().size();
            x.faults().disconnectAfterTweets(1);
            return "stream cut after its next tweet (" + before + " connection attempts so far)";
        });
        schedule.add(0.50, "restart the Spark job (kill -9, start)", () -> restart(sparkJob));
        schedule.add(0.65, "restart Kafka broker " + broker.name() + " (stop, start on the same port and log dir)", () -> {
            String address = broker.bootstrapServers();
            broker.stop();
            broker.start();
            return "broker back at " + address;
        });
        schedule.add(0.80, "kill the kafka-to-hive NiFi engine (kill -9)", killHiveLandingEngine);
        return schedule;
    }

    public void add(double fraction, String name, ChaosAction action) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be within [0, 1], was " + fraction);
        }
        entries.add(new Entry(fraction, name, action));
        entries.sort((a, b) -> Double.compare(a.fraction(), b.fraction()));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    private static String restart(ChildJvm child) throws InterruptedException {
        long before = child.pid();
        child.kill();
        child.start();
        return "pid " + before + " killed (SIGKILL), restarted as pid " + child.pid();
    }
}
