package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/** open, close, unlink: namespace files are opened as raw descriptors because setns and IFLA_NET_NS_FD need them. */
final class FileCalls {
    static final int O_RDONLY = 0;
    static final int O_CREAT = 0x40;
    static final int O_EXCL = 0x80;
    static final int O_CLOEXEC = 0x80000;

    // open(2) is variadic: the mode must be passed as a variadic argument to be correct on every ABI.
    private static final MethodHandle OPEN = LibC.capturing("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = LibC.capturing("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle UNLINK = LibC.capturing("unlink",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));

    private FileCalls() {
    }

    static int open(String path, int flags) {
        return open(path, flags, 0);
    }

    static int open(String path, int flags, int mode) {
        CallScratch scratch = CallScratch.begin();
        int fd;
        try {
            fd = (int) OPEN.invokeExact(scratch.state(), scratch.string(path), flags, mode);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
        if (fd < 0) {
            throw new NativeException("open(" + path + ")", scratch.errno());
        }
        return fd;
    }

    static void close(int fd) {
        CallScratch scratch = CallScratch.begin();
        int rc;
        try {
            rc = (int) CLOSE.invokeExact(scratch.state(), fd);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
        // No retry on EINTR: on Linux the descriptor is released even then.
        if (rc < 0 && scratch.errno() != LibC.EINTR) {
            throw new NativeException("close(" + fd + ")", scratch.errno());
        }
    }

    static void unlink(String path) {
        CallScratch scratch = CallScratch.begin();
        int rc;
        try {
            rc = (int) UNLINK.invokeExact(scratch.state(), scratch.string(path));
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
        if (rc < 0) {
            throw new NativeException("unlink(" + path + ")", scratch.errno());
        }
    }
}
