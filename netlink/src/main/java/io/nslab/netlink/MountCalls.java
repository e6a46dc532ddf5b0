package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** mount and umount2, for the bind mounts that keep named namespaces alive. */
final class MountCalls {
    static final long MS_BIND = 4096;
    static final long MS_REC = 16384;
    static final long MS_SHARED = 1L << 20;
    static final int MNT_DETACH = 2;
    static final int EINVAL = 22;

    private static final MethodHandle MOUNT = LibC.capturing("mount",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle UMOUNT2 = LibC.capturing("umount2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

    private MountCalls() {
    }

    /** mount(source, target, "none", flags, NULL); returns 0 or the errno, because callers react to EINVAL. */
    static int mount(String source, String target, long flags) {
        CallScratch scratch = CallScratch.begin();
        try {
            int rc = (int) MOUNT.invokeExact(scratch.state(), scratch.string(source), scratch.string(target),
                    scratch.string("none"), flags, MemorySegment.NULL);
            return rc < 0 ? scratch.errno() : 0;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /** umount2(target, flags); returns 0 or the errno. */
    static int umount2(String target, int flags) {
        CallScratch scratch = CallScratch.begin();
        try {
            int rc = (int) UMOUNT2.invokeExact(scratch.state(), scratch.string(target), flags);
            return rc < 0 ? scratch.errno() : 0;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }
}
