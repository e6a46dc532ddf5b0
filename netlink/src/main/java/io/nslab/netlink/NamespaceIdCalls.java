package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** ioctl(NS_GET_ID) and unshare(CLONE_NEWUTS): a namespace's 64-bit id, and a namespace made to read one. */
final class NamespaceIdCalls {
    /** {@code _IOR(NSIO, 0xd, __u64)}: any namespace's id (Linux 6.18). */
    static final long NS_GET_ID = 0x8008b70dL;
    /** {@code _IOR(NSIO, 0x5, __u64)}: a mount namespace's id (Linux 6.9). */
    static final long NS_GET_MNTNS_ID = 0x8008b705L;
    static final int CLONE_NEWUTS = 0x04000000;

    // ioctl(2) is variadic: its third argument must be passed as a variadic one to be correct on every ABI.
    private static final MethodHandle IOCTL = LibC.capturing("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle UNSHARE = LibC.capturing("unshare",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private NamespaceIdCalls() {
    }

    /** The id that {@code request} reads from the namespace open on {@code fd}. */
    static long ioctlId(int fd, long request, String what) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment out = scratch.allocate(8, 8);
        int rc;
        try {
            rc = (int) IOCTL.invokeExact(scratch.state(), fd, request, out);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
        if (rc < 0) {
            throw new NativeException("ioctl(" + what + ")", scratch.errno());
        }
        return out.get(JAVA_LONG, 0);
    }

    /** Gives the calling thread a new UTS namespace. */
    static void unshareUts() {
        CallScratch scratch = CallScratch.begin();
        int rc;
        try {
            rc = (int) UNSHARE.invokeExact(scratch.state(), CLONE_NEWUTS);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
        if (rc < 0) {
            throw new NativeException("unshare(CLONE_NEWUTS)", scratch.errno());
        }
    }
}
