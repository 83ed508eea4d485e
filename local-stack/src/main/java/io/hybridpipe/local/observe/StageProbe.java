package io.hybridpipe.local.observe;

/**
 * Reads one stage. Not thread-safe: the observer calls it from one thread at a time. A failing call throws; the
 * observer records the failure and calls again at the next poll (the probe reconnects as needed).
 */
interface StageProbe extends AutoCloseable {

    Stage stage();

    /** Catches up with the stage as far as one poll allows and returns what it holds now. */
    ProbeReading poll() throws Exception;

    /** Every tweet id in the stage with its number of copies, read to the end: the input of the verification. */
    IdCounts contents() throws Exception;

    @Override
    void close();
}
