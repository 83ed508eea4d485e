package io.hybridpipe.mirror;

import java.util.List;

import org.apache.kafka.connect.mirror.MirrorMaker;
import org.apache.kafka.connect.mirror.SourceAndTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MirrorMaker 2 in dedicated mode inside this JVM, driving the one flow of a {@link Mm2Config}.
 * Stopping stops the herders, which stop the tasks and commit their offsets before returning.
 */
public final class MirrorMakerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorMakerProcess.class);

    private final Mm2Config config;
    private final SourceAndTarget flow;
    private MirrorMaker mirrorMaker;

    public MirrorMakerProcess(Mm2Config config) {
        this.config = config;
        this.flow = config.flow();
    }

    public SourceAndTarget flow() {
        return flow;
    }

    public synchronized MirrorMakerProcess start() {
        if (mirrorMaker != null) {
            throw new IllegalStateException("MirrorMaker 2 already running for " + flow);
        }
        MirrorMaker started = new MirrorMaker(config.properties(), List.of(flow.target()));
        try {
            started.start();
        } catch (RuntimeException e) {
            started.stop();
            throw e;
        }
        mirrorMaker = started;
        LOG.info("MirrorMaker 2 started: {}", flow);
        return this;
    }

    /** Stops the herders and waits until every task has stopped and committed its offsets. */
    public synchronized void stop() {
        if (mirrorMaker == null) {
            return;
        }
        mirrorMaker.stop();
        mirrorMaker.awaitStop();
        mirrorMaker = null;
        LOG.info("MirrorMaker 2 stopped cleanly: {}", flow);
    }

    public synchronized boolean isRunning() {
        return mirrorMaker != null;
    }

    @Override
    public void close() {
        stop();
    }
}
