package io.hybridpipe.nifi.twitter;

import org.apache.nifi.components.AllowableValue;

/** What the processor does with the app's filtered-stream rules before it connects. */
enum RuleSyncStrategy {
    LEAVE_AS_IS("leave-as-is", "Leave as is",
            "Do not read or change the rules on X; the stream delivers whatever rules the app already has."),
    ADD_MISSING("add-missing", "Add missing",
            "Add the configured rules that X does not have yet (same tag and value); never delete a rule."),
    EXACT("exact", "Make exactly these",
            "Add the configured rules that are missing and delete every other rule of the app, so the app ends"
                    + " up with exactly the configured rules. Other streams sharing the app's rules lose theirs.");

    private final AllowableValue allowableValue;

    RuleSyncStrategy(String value, String displayName, String description) {
        this.allowableValue = new AllowableValue(value, displayName, description);
    }

    AllowableValue allowableValue() {
        return allowableValue;
    }

    static RuleSyncStrategy fromValue(String value) {
        for (RuleSyncStrategy s : values()) {
            if (s.allowableValue.getValue().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown rule sync strategy '" + value + "'");
    }
}
