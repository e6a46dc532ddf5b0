package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/** setns, unshare, gettid. They act on the calling thread only: callers run them on dedicated platform threads. */
final class NamespaceCalls {
    static final int CLONE_NEWNET = 0x40000000;

    private static final MethodHandle SETNS = LibC.capturing("setns",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle UNSHARE = LibC.capturing("unshare",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GETTID = LibC.plain("gettid", FunctionDescriptor.of(JAVA_INT));

    private NamespaceCalls() {
    }

    /** Moves the calling thread into the network namespace of {@code fd}; {@code what} names it in errors. */
    static void setns(int fd, String what) {
        CallScratch scratch = CallScratch.begin();
        int rc;
        try {
            rc = (int) SETNS.invokeExact(scratch.state(), fd, CLONE_NEWNET);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
        if (rc < 0) {
            throw new NativeException("setns(" + what + ")", scratch.errno());
        }
    }

    /** Gives the calling thread a new, empty network namespace. */
    static void unshareNet() {
        CallScratch scratch = CallScratch.begin();
        int rc;
        try {
            rc = (int) UNSHARE.invokeExact(scratch.state(), CLONE_NEWNET);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
        if (rc < 0) {
            throw new NativeException("unshare(CLONE_NEWNET)", scratch.errno());
        }
    }

    static int gettid() {
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }
}
