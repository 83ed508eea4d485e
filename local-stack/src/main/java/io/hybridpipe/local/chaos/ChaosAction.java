package io.hybridpipe.local.chaos;

/** One thing the chaos schedule does to the running pipeline; returns what it did, for the timeline. */
@FunctionalInterface
public interface ChaosAction {

    String perform() throws Exception;
}
