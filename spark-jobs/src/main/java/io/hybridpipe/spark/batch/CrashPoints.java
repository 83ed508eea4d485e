package io.hybridpipe.spark.batch;

import java.io.Serializable;

/**
 * Called at every {@link BatchStep}; production uses {@link #NONE}. Tests pass an implementation that
 * throws at one step to prove a batch that dies there is neither lost nor duplicated.
 */
@FunctionalInterface
public interface CrashPoints extends Serializable {

    CrashPoints NONE = step -> { };

    void reached(BatchStep step);
}
