package io.nslab.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The linker and the C library, and the errno capture every holder class uses. errno is captured by the
 * downcall itself ({@code captureCallState}), because the JVM may run code that overwrites errno between
 * the call's return and any later read.
 */
final class LibC {
    static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    // raw numbers for the system calls' hot paths, which compare the captured int
    static final int ENOENT = Errno.ENOENT.number();
    static final int EINTR = Errno.EINTR.number();
    static final int EAGAIN = Errno.EAGAIN.number();
    static final int ETIMEDOUT = Errno.ETIMEDOUT.number();

    private LibC() {
    }

    /** A downcall handle whose first parameter is the errno capture segment. */
    static MethodHandle capturing(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(symbol(name), descriptor, options);
    }

    static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    /** Space for the captured call state, in the request's arena. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(STATE);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** Wraps the Throwable that invokeExact declares; our handles throw nothing but errors. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("downcall failed", t);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsupportedOperationException("C library has no " + name + "()"));
    }
}
