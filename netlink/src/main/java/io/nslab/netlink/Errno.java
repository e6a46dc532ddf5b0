package io.nslab.netlink;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * errno numbers to names ({@code EEXIST}) and texts ({@code File exists}), from the C library's own tables
 * ({@code strerrorname_np}, {@code strerrordesc_np}: thread-safe, unlike {@code strerror}).
 */
final class Errno {
    private static final FunctionDescriptor INT_TO_STRING =
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
    private static final MethodHandle NAME =
            LibC.has("strerrorname_np") ? LibC.plain("strerrorname_np", INT_TO_STRING) : null;
    private static final MethodHandle DESC =
            LibC.has("strerrordesc_np") ? LibC.plain("strerrordesc_np", INT_TO_STRING) : null;

    private Errno() {
    }

    static String name(int errno) {
        String s = lookup(NAME, errno);
        return s != null ? s : "errno " + errno;
    }

    static String text(int errno) {
        String s = lookup(DESC, errno);
        return s != null ? s : "Unknown error " + errno;
    }

    private static String lookup(MethodHandle handle, int errno) {
        if (handle == null) {
            return null;
        }
        try {
            MemorySegment p = (MemorySegment) handle.invokeExact(errno);
            return p.equals(MemorySegment.NULL) ? null : p.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }
}
