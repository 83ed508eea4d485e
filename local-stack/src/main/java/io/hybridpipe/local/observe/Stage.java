package io.hybridpipe.local.observe;

/** The four places a tweet must reach, in pipeline order. */
public enum Stage {
    KAFKA_ONPREM("Kafka onprem"),
    HIVE("Hive"),
    KAFKA_AWS("Kafka aws"),
    WAREHOUSE("Warehouse");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** The name shown to users. */
    public String label() {
        return label;
    }
}
