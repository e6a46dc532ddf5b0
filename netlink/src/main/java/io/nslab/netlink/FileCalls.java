package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.callState(arena);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags, mode);
            if (fd < 0) {
                throw new NativeException("open(" + path + ")", LibC.errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.callState(arena);
            // No retry on EINTR: on Linux the descriptor is released even then.
            int rc = (int) CLOSE.invokeExact(state, fd);
            if (rc < 0 && LibC.errno(state) != LibC.EINTR) {
                throw new NativeException("close(" + fd + ")", LibC.errno(state));
            }
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    static void unlink(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.callState(arena);
            int rc = (int) UNLINK.invokeExact(state, arena.allocateFrom(path));
            if (rc < 0) {
                throw new NativeException("unlink(" + path + ")", LibC.errno(state));
            }
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }
}
