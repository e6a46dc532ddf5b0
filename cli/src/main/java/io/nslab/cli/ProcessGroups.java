package io.nslab.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Signals to a whole process group, by its id: how nslab stops a node's service and everything it started (never by
 * name). A group's id is not given to a new process while any member of the group lives, so a group that answers is
 * the one that was recorded, or one whose leader lives with that id (which the caller tells apart).
 */
final class ProcessGroups {
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    private static final MethodHandle KILL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("kill").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private ProcessGroups() {
    }

    /** Equivalent to: kill -SIGNAL -- -PGID; false when no process of the group could be signalled. */
    static boolean signal(int pgid, int signal) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("not a process group of a service: " + pgid);
        }
        try {
            return (int) KILL.invokeExact(-pgid, signal) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("kill(-" + pgid + ", " + signal + ") failed", t);
        }
    }

    /** Whether any process is in the group (kill -0). */
    static boolean alive(int pgid) {
        return signal(pgid, 0);
    }

    /** SIGTERM to the group, then SIGKILL to what is left after {@code graceMillis}; true when the group is gone. */
    static boolean stop(int pgid, long graceMillis) throws InterruptedException {
        if (!signal(pgid, SIGTERM)) {
            return true;
        }
        if (waitGone(pgid, graceMillis)) {
            return true;
        }
        signal(pgid, SIGKILL);
        return waitGone(pgid, 5_000);
    }

    private static boolean waitGone(int pgid, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (alive(pgid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
