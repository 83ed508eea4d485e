package io.hybridpipe.mirror.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hybridpipe.mirror.Mm2Config;
import io.hybridpipe.mirror.check.CheckReport;
import io.hybridpipe.mirror.check.CheckSettings;
import io.hybridpipe.mirror.check.MirrorCheck;
import io.hybridpipe.mirror.check.ReportTable;
import org.apache.kafka.connect.mirror.SourceAndTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Compares source and target of the MirrorMaker 2 flow; exit 0 only when in sync within the tolerance. */
@Command(name = "mirror-check", mixinStandardHelpOptions = true,
        description = {"Prove the target cluster holds what the source holds for the mirrored topics.",
                "Exit codes: 0 in sync, 1 not in sync, 2 usage error, 3 could not check."},
        exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 3)
final class MirrorCheckCommand implements Callable<Integer> {

    static final int NOT_IN_SYNC = 1;

    @Mixin
    ConfigOptions options;

    @ArgGroup(exclusive = false, heading = "Without --config:%n")
    Direct direct;

    @Option(names = "--topics", paramLabel = "REGEX",
            description = "Source topics to check (default: the flow's `topics` setting, comma-separated regexes).")
    String topics;

    @Option(names = "--group", paramLabel = "GROUP", split = ",",
            description = "Consumer group(s) whose translated offsets to check.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--sample", defaultValue = "100", description = "Records compared by content at head and tail of each partition (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--tolerance", defaultValue = "0", description = "Per-partition record count difference still in sync (default ${DEFAULT-VALUE}).")
    long tolerance;

    @Option(names = "--max-lag-ms", defaultValue = "-1", description = "Largest replication lag in ms still in sync; -1 (default) does not check.")
    long maxLagMs;

    @Option(names = "--max-group-replay", defaultValue = "-1", description = "Largest number of records a group may re-read after failover; -1 (default) does not check.")
    long maxGroupReplay;

    @Option(names = "--exact-count", description = "Count records by reading them (for transactional or compacted topics, where offsets are not records).")
    boolean exactCount;

    @Option(names = "--timeout", defaultValue = "PT60S", description = "Timeout of each cluster operation, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Print the report as JSON (for monitoring).")
    boolean json;

    @Spec
    CommandSpec spec;

    static final class Direct {
        @Option(names = "--source-bootstrap", required = true, paramLabel = "HOST:PORT,...")
        String sourceBootstrap;

        @Option(names = "--target-bootstrap", required = true, paramLabel = "HOST:PORT,...")
        String targetBootstrap;

        @Option(names = "--source-alias", defaultValue = "onprem", description = "Source cluster alias (default ${DEFAULT-VALUE}).")
        String sourceAlias;

        @Option(names = "--identity-policy", description = "Target topics have the source names (IdentityReplicationPolicy) instead of <alias>.<topic>.")
        boolean identityPolicy;
    }

    @Override
    public Integer call() throws Exception {
        Mm2Config config = config();
        SourceAndTarget flow = config.flow();
        String pattern = topics != null ? topics : String.join("|", config.topicsPattern(flow).split("\\s*,\\s*"));
        CheckSettings settings = new CheckSettings(Pattern.compile(pattern), groups, sample, tolerance, maxLagMs,
                maxGroupReplay, exactCount, timeout);
        CheckReport report = new MirrorCheck(config, settings).run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(Map.of("inSync", report.inSync(), "report", report)));
            out.flush();
        } else {
            ReportTable.print(report, out);
        }
        return report.inSync() ? 0 : NOT_IN_SYNC;
    }

    private Mm2Config config() {
        if ((options.config == null) == (direct == null)) {
            throw new ParameterException(spec.commandLine(),
                    "give either --config FILE or --source-bootstrap and --target-bootstrap");
        }
        if (options.config != null) {
            return options.load();
        }
        String source = direct.sourceAlias;
        String target = "target";
        Map<String, String> props = new HashMap<>(Map.of(
                "clusters", source + "," + target,
                source + ".bootstrap.servers", direct.sourceBootstrap,
                target + ".bootstrap.servers", direct.targetBootstrap,
                source + "->" + target + ".enabled", "true",
                "plugin.discovery", "service_load"));
        if (direct.identityPolicy) {
            props.put("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy");
        }
        props.putAll(options.overrides);
        return Mm2Config.of(props);
    }
}
