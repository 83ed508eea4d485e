package io.hybridpipe.local.stack;

import java.io.PrintStream;

/**
 * Closes a running stack when the JVM is asked to end (Ctrl-C, SIGTERM) before the command closed it itself, so no
 * engine or child JVM outlives the {@code hybridpipe} command. Closing the guard closes the stack once and removes
 * the hook.
 */
public final class ShutdownGuard implements AutoCloseable {

    private final AutoCloseable target;
    private final Thread hook;
    private final PrintStream err;
    private boolean closed;

    public ShutdownGuard(AutoCloseable target, PrintStream err) {
        this.target = target;
        this.err = err;
        this.hook = new Thread(this::closeFromHook, "hybridpipe-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void closeFromHook() {
        err.println("hybridpipe: shutting down the stack ...");
        closeTarget();
    }

    private synchronized void closeTarget() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            target.close();
        } catch (Exception e) {
            err.println("hybridpipe: the stack did not stop cleanly: " + e);
            e.printStackTrace(err);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: it closes the target itself, and closeTarget runs only once
            err.println("hybridpipe: JVM shutdown in progress; the shutdown hook stops the stack");
        }
        closeTarget();
    }
}
