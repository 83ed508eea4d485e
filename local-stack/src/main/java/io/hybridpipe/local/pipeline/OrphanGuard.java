package io.hybridpipe.local.pipeline;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Main class of the child JVMs: runs the real main class, and ends the JVM as soon as the {@code hybridpipe} process
 * that started it is gone (killed with SIGKILL, say, when its shutdown hook cannot run), so no child outlives it.
 * Arguments: the parent's pid, the real main class, then its arguments.
 */
public final class OrphanGuard {

    static final int EXIT_ORPHANED = 3;

    private OrphanGuard() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: OrphanGuard <parent pid> <main class> [arguments...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        Thread watcher = new Thread(() -> watch(parentPid), "hybridpipe-orphan-guard");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watch(long parentPid) {
        ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
        if (parent != null) {
            parent.onExit().join();
        }
        System.err.println("hybridpipe (pid " + parentPid + ") is gone; ending this child JVM");
        Runtime.getRuntime().halt(EXIT_ORPHANED);
    }
}
