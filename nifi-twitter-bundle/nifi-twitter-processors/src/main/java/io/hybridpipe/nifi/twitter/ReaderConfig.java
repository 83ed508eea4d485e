package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.reconnect.BackoffSettings;

import java.time.Duration;
import java.util.List;

/** Everything the reader thread needs besides the HTTP settings. */
record ReaderConfig(StreamEndpoint endpoint, String streamQuery, RuleSyncStrategy ruleSyncStrategy,
                    List<StreamRule> rules, Duration stallTimeout, int maxMessageBytes, int dedupWindow,
                    BackoffSettings backoff) {

    ReaderConfig {
        rules = List.copyOf(rules);
    }

    String streamPathAndQuery() {
        return endpoint.path() + streamQuery;
    }

    boolean needsRuleSync() {
        return endpoint == StreamEndpoint.FILTERED && ruleSyncStrategy != RuleSyncStrategy.LEAVE_AS_IS;
    }
}
