package io.hybridpipe.nifi.twitter;

import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Checks that span several properties, with messages that say what to change. */
final class StreamConfigValidator {
    /** X's keep-alive interval: a shorter stall timeout on the real API reconnects quiet streams for nothing. */
    static final long X_KEEP_ALIVE_SECONDS = 20;

    private final ValidationContext context;

    StreamConfigValidator(ValidationContext context) {
        this.context = context;
    }

    Collection<ValidationResult> validate() {
        List<ValidationResult> results = new ArrayList<>();
        String endpoint = context.getProperty(StreamProperties.STREAM_ENDPOINT).getValue();
        String strategy = context.getProperty(StreamProperties.RULE_SYNC_STRATEGY).getValue();
        String rulesText = context.getProperty(StreamProperties.STREAM_RULES).getValue();
        boolean hasRules = hasRules(rulesText);

        if (StreamEndpoint.SAMPLE.allowableValue().getValue().equals(endpoint) && hasRules) {
            results.add(invalid(StreamProperties.STREAM_RULES.getDisplayName(),
                    "rules apply to the filtered stream only: clear 'Stream Rules' or set 'Stream' to filtered"));
        }
        if (StreamEndpoint.FILTERED.allowableValue().getValue().equals(endpoint)) {
            if (RuleSyncStrategy.LEAVE_AS_IS.allowableValue().getValue().equals(strategy) && hasRules) {
                results.add(invalid(StreamProperties.RULE_SYNC_STRATEGY.getDisplayName(),
                        "'Stream Rules' are set but 'Rule Sync Strategy' is 'Leave as is', so they would never be"
                                + " applied: choose 'Add missing' or 'Make exactly these', or clear 'Stream Rules'"));
            }
            if (RuleSyncStrategy.EXACT.allowableValue().getValue().equals(strategy) && !hasRules) {
                results.add(invalid(StreamProperties.RULE_SYNC_STRATEGY.getDisplayName(),
                        "'Make exactly these' with no 'Stream Rules' would delete every rule of the app and the"
                                + " stream would deliver nothing: add rules or choose 'Leave as is'"));
            }
        }
        Long stallMillis = context.getProperty(StreamProperties.STALL_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS);
        if (stallMillis != null && stallMillis <= X_KEEP_ALIVE_SECONDS * 1000 && isPublicXApi()) {
            results.add(invalid(StreamProperties.STALL_TIMEOUT.getDisplayName(),
                    "X sends a keep-alive every " + X_KEEP_ALIVE_SECONDS + " s, so a stall timeout of " + stallMillis
                            + " ms would drop quiet but healthy streams: use 30 secs (the default) or more"));
        }
        return results;
    }

    private boolean isPublicXApi() {
        String baseUrl = context.getProperty(StreamProperties.BASE_URL).getValue();
        try {
            String host = URI.create(baseUrl).getHost();
            if (host == null) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.equals("api.x.com") || host.equals("api.twitter.com");
        } catch (IllegalArgumentException e) {
            // the URL validator of 'Base URL' already reports a malformed URL
            return false;
        }
    }

    private static boolean hasRules(String rulesText) {
        try {
            return !StreamRules.parse(rulesText).isEmpty();
        } catch (IllegalArgumentException e) {
            // an invalid rule line is reported by the property's own validator
            return true;
        }
    }

    private static ValidationResult invalid(String subject, String explanation) {
        return new ValidationResult.Builder().subject(subject).valid(false).explanation(explanation).build();
    }
}
