package io.hybridpipe.mirror.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.hybridpipe.mirror.MirrorMakerProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs MirrorMaker 2 in dedicated mode until SIGTERM/SIGINT, then stops it cleanly (tasks commit their offsets). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run MirrorMaker 2 (dedicated mode) with the given config until SIGTERM.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (options.config == null) {
            throw new ParameterException(spec.commandLine(), "run needs --config FILE");
        }
        MirrorMakerProcess mirrorMaker = new MirrorMakerProcess(options.load());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutdown requested: stopping MirrorMaker 2 and committing offsets");
            try {
                mirrorMaker.stop();
            } finally {
                // the log file appender flushes every line, so nothing is left to flush here
                stopped.countDown();
            }
        }, "hybridpipe-mm2-shutdown"));
        mirrorMaker.start();
        LOG.info("hybridpipe-mm2 running {}; send SIGTERM to stop", mirrorMaker.flow());
        stopped.await();
        return 0;
    }
}
