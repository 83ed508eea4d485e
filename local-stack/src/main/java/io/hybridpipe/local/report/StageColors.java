package io.hybridpipe.local.report;

import io.hybridpipe.local.observe.Stage;

/** One colour per stage, the same in every chart and in the tables. */
final class StageColors {

    static final String EMITTED = "#7f7f7f";

    private StageColors() {
    }

    static String of(Stage stage) {
        return switch (stage) {
            case KAFKA_ONPREM -> "#1f77b4";
            case HIVE -> "#ff7f0e";
            case KAFKA_AWS -> "#2ca02c";
            case WAREHOUSE -> "#d62728";
        };
    }
}
